import { Controller, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { GetDealQuery, LegalHoldBook } from '#application';
import { ReadRoute } from '../http/openapi/read-route.js';
import { holdAnswer, HoldListAnswer } from './legal-holds.answer.js';

/**
 * The holds in force over one deal, for the compliance page's notice: the same holds an
 * admin lists, narrowed to those that cover a record of this deal (on it, on one of its
 * parties, or on a range in which one of its events was recorded). Open to those who may
 * list holds: a hold tells of a legal matter, not of the deal's facts.
 */
@ApiTags('deals')
@Controller('deals')
export class DealHoldsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(LegalHoldBook) private readonly holds: LegalHoldBook,
  ) {}

  @ReadRoute(':dealId/holds', 'The legal holds in force that cover records of this deal (none: an empty list)', HoldListAnswer)
  @ApiResponse({ status: 404, description: 'DEAL.NOT_FOUND' })
  async list(@Param('dealId') dealId: string): Promise<HoldListAnswer> {
    const deal = await this.queryBus.execute(new GetDealQuery(dealId));
    const holds = await this.holds.onDeal(dealId, deal.parties.map((party) => party.partyId));
    return { items: holds.map(holdAnswer) };
  }
}
