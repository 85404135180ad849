import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { DealCommandGateway } from './deal-command.gateway.js';
import { registerDeal, RegisterDealRequest } from '#contract';
import { CommandResponses } from './write-responses.js';

@ApiTags('deals')
@Controller('deals')
export class RegisterDealHttpController {
  constructor(private readonly gateway: DealCommandGateway) {}

  @Post()
  @ApiOperation({ summary: 'Register a deal with its parties, as a source reported it' })
  @CommandResponses({ ifMatch: false })
  register(@Body() body: RegisterDealRequest, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    return this.gateway.send(registerDeal, { dealId: body.dealId }, body, req, res);
  }
}
