import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertValidId } from '#domain';
import type { DealStateReader, DealView } from '#projections';
import { ApplicationError } from '../application.errors.js';
import { DEAL_STATE_READER } from '../tokens.js';

export class GetDealQuery extends Query<DealView> {
  constructor(readonly dealId: string) {
    super();
  }
}

export const dealNotFound = (dealId: string): ApplicationError =>
  new ApplicationError('DEAL.NOT_FOUND', `No deal ${dealId} is on record`, 'not_found', { dealId });

/** Served from the deal-state read model, never by folding the stream per request. */
@QueryHandler(GetDealQuery)
export class GetDealHandler implements IQueryHandler<GetDealQuery> {
  constructor(@Inject(DEAL_STATE_READER) private readonly reader: DealStateReader) {}

  async execute({ dealId }: GetDealQuery): Promise<DealView> {
    assertValidId(dealId, 'dealId');
    const deal = this.reader.getDeal(dealId);
    if (!deal) throw dealNotFound(dealId);
    return deal;
  }
}
