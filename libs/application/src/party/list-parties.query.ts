import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PartyDirectoryFilter, PartyDirectoryPage, PartyDirectoryReader } from '#projections';
import { PARTY_DIRECTORY_READER } from '../tokens.js';

export class ListPartiesQuery extends Query<PartyDirectoryPage> {
  constructor(readonly filter: PartyDirectoryFilter) {
    super();
  }
}

@QueryHandler(ListPartiesQuery)
export class ListPartiesHandler implements IQueryHandler<ListPartiesQuery> {
  constructor(@Inject(PARTY_DIRECTORY_READER) private readonly reader: PartyDirectoryReader) {}

  async execute({ filter }: ListPartiesQuery): Promise<PartyDirectoryPage> {
    return this.reader.listParties(filter);
  }
}
