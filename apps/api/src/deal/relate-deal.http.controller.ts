import { Body, Controller } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { joinDeal, JoinDealRequest, linkDeal, LinkDealRequest } from '#contract';
import { Call, type CommandCall } from '../http/command-call.js';
import { DealCommandGateway } from './deal-command.gateway.js';
import { CommandRoute } from './command-route.js';

/** Who else is in a deal, and how it stands to other deals: facts that name other streams. */
@ApiTags('facts')
@ApiParam({ name: 'dealId', type: String })
@Controller('deals/:dealId')
export class RelateDealHttpController {
  constructor(private readonly gateway: DealCommandGateway) {}

  @CommandRoute('parties', 'A party joined the deal: named by its registry id alone, or in the deal’s words', { ifMatch: true })
  party(@Body() body: JoinDealRequest, @Call() call: CommandCall) {
    return this.gateway.send(joinDeal, body, call);
  }

  @CommandRoute('links', 'The deal is related to, amends, supersedes or is part of another deal on record', { ifMatch: true })
  link(@Body() body: LinkDealRequest, @Call() call: CommandCall) {
    return this.gateway.send(linkDeal, body, call);
  }
}
