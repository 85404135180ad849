import { Body, Controller } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  announceGovernmentSupport,
  AnnounceGovernmentSupportRequest,
  announceInvestment,
  AnnounceInvestmentRequest,
  discloseStake,
  DiscloseStakeRequest,
  recordNote,
  RecordNoteRequest,
  reportCapacity,
  ReportCapacityRequest,
  reportMetric,
  ReportMetricRequest,
  signOfftake,
  SignOfftakeRequest,
} from '#contract';
import { Call, type CommandCall } from '../http/command-call.js';
import { DealCommandGateway } from './deal-command.gateway.js';
import { CommandRoute } from './command-route.js';

/** Record a reported fact on a deal: each route takes one fact and its figures. */
@ApiTags('facts')
@ApiParam({ name: 'dealId', type: String })
@Controller('deals/:dealId')
export class RecordFactsHttpController {
  constructor(private readonly gateway: DealCommandGateway) {}

  @CommandRoute('investments', 'An investment was announced', { ifMatch: true })
  investment(@Body() body: AnnounceInvestmentRequest, @Call() call: CommandCall) {
    return this.gateway.send(announceInvestment, body, call);
  }

  @CommandRoute('offtakes', 'An offtake agreement was signed', { ifMatch: true })
  offtake(@Body() body: SignOfftakeRequest, @Call() call: CommandCall) {
    return this.gateway.send(signOfftake, body, call);
  }

  @CommandRoute('stakes', 'A stake was disclosed (or its size declined)', { ifMatch: true })
  stake(@Body() body: DiscloseStakeRequest, @Call() call: CommandCall) {
    return this.gateway.send(discloseStake, body, call);
  }

  @CommandRoute('capacities', 'A production capacity was reported', { ifMatch: true })
  capacity(@Body() body: ReportCapacityRequest, @Call() call: CommandCall) {
    return this.gateway.send(reportCapacity, body, call);
  }

  @CommandRoute('government-support', 'Government support was announced', { ifMatch: true })
  governmentSupport(@Body() body: AnnounceGovernmentSupportRequest, @Call() call: CommandCall) {
    return this.gateway.send(announceGovernmentSupport, body, call);
  }

  @CommandRoute('metrics', 'Any other figure about the deal was reported', { ifMatch: true })
  metric(@Body() body: ReportMetricRequest, @Call() call: CommandCall) {
    return this.gateway.send(reportMetric, body, call);
  }

  @CommandRoute('notes', 'A fact without a figure was reported', { ifMatch: true })
  note(@Body() body: RecordNoteRequest, @Call() call: CommandCall) {
    return this.gateway.send(recordNote, body, call);
  }
}
