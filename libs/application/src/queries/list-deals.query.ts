import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DealListFilter, DealPage, DealStateReader } from '#projections';
import { DEAL_STATE_READER } from '../tokens.js';

export class ListDealsQuery extends Query<DealPage> {
  constructor(readonly filter: DealListFilter) {
    super();
  }
}

@QueryHandler(ListDealsQuery)
export class ListDealsHandler implements IQueryHandler<ListDealsQuery> {
  constructor(@Inject(DEAL_STATE_READER) private readonly reader: DealStateReader) {}

  async execute({ filter }: ListDealsQuery): Promise<DealPage> {
    return this.reader.listDeals(filter);
  }
}
