import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { registerDeal, RegisterDealRequest } from '#contract';
import { Call, type CommandCall } from '../http/command-call.js';
import { DealCommandGateway } from './deal-command.gateway.js';
import { CommandRoute } from './command-route.js';

@ApiTags('deals')
@Controller('deals')
export class RegisterDealHttpController {
  constructor(private readonly gateway: DealCommandGateway) {}

  // The deal's id is in the body: the command takes it from there.
  @CommandRoute('', 'Register a deal with its parties, as a source reported it', { ifMatch: false })
  register(@Body() body: RegisterDealRequest, @Call() call: CommandCall) {
    return this.gateway.send(registerDeal, body, call);
  }
}
