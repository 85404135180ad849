import { Body, Controller } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AgreeDebtRequest,
  AgreePriceRequest,
  AwardGrantRequest,
  CommitPurchaseRequest,
  GiveGuaranteeRequest,
  INSTRUMENT_ROUTES,
  IssueWarrantsRequest,
  SubscribeEquityRequest,
} from '#contract';
import { Call, type CommandCall } from '../http/command-call.js';
import { CommandRoute } from './command-route.js';
import { DealCommandGateway } from './deal-command.gateway.js';

const { SubscribeEquity, AgreeDebt, IssueWarrants, AwardGrant, GiveGuarantee, AgreePrice, CommitPurchase } = INSTRUMENT_ROUTES;

/** Record an instrument of a deal: each route takes one instrument and the figures inside it. */
@ApiTags('instruments')
@ApiParam({ name: 'dealId', type: String })
@Controller('deals/:dealId')
export class RecordInstrumentsHttpController {
  constructor(private readonly gateway: DealCommandGateway) {}

  @CommandRoute(SubscribeEquity.path, 'Shares were subscribed (common, preferred or convertible preferred)', { ifMatch: true })
  equity(@Body() body: SubscribeEquityRequest, @Call() call: CommandCall) {
    return this.gateway.send(SubscribeEquity.route, body, call);
  }

  @CommandRoute(AgreeDebt.path, 'Money was lent: a loan, a bond or a credit facility', { ifMatch: true })
  debt(@Body() body: AgreeDebtRequest, @Call() call: CommandCall) {
    return this.gateway.send(AgreeDebt.route, body, call);
  }

  @CommandRoute(IssueWarrants.path, 'Warrants were issued', { ifMatch: true })
  warrants(@Body() body: IssueWarrantsRequest, @Call() call: CommandCall) {
    return this.gateway.send(IssueWarrants.route, body, call);
  }

  @CommandRoute(AwardGrant.path, 'A grant was awarded', { ifMatch: true })
  grant(@Body() body: AwardGrantRequest, @Call() call: CommandCall) {
    return this.gateway.send(AwardGrant.route, body, call);
  }

  @CommandRoute(GiveGuarantee.path, 'A guarantee was given', { ifMatch: true })
  guarantee(@Body() body: GiveGuaranteeRequest, @Call() call: CommandCall) {
    return this.gateway.send(GiveGuarantee.route, body, call);
  }

  @CommandRoute(AgreePrice.path, 'A price was agreed: a floor, a cap, a fixed price or a collar', { ifMatch: true })
  priceAgreement(@Body() body: AgreePriceRequest, @Call() call: CommandCall) {
    return this.gateway.send(AgreePrice.route, body, call);
  }

  @CommandRoute(CommitPurchase.path, 'A purchase was committed in money', { ifMatch: true })
  purchaseCommitment(@Body() body: CommitPurchaseRequest, @Call() call: CommandCall) {
    return this.gateway.send(CommitPurchase.route, body, call);
  }
}
