import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dealStreamName } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { EVENT_STORE } from '../tokens.js';
import { dealNotFound } from './get-deal.query.js';

export interface DealEventsPage {
  events: RecordedEvent[];
  /** Revision to pass as `fromRevision` for the next page; absent on the last page. */
  nextRevision?: number;
}

export class GetDealEventsQuery extends Query<DealEventsPage> {
  constructor(
    readonly dealId: string,
    readonly fromRevision: number,
    readonly limit: number,
  ) {
    super();
  }
}

/** The deal's stream as stored, with each event's metadata: the raw evidence. */
@QueryHandler(GetDealEventsQuery)
export class GetDealEventsHandler implements IQueryHandler<GetDealEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ dealId, fromRevision, limit }: GetDealEventsQuery): Promise<DealEventsPage> {
    const streamId = dealStreamName(dealId);
    const events = await this.store.readStream(streamId, { fromRevision, maxCount: limit + 1 });
    if (events.length === 0 && fromRevision === 0) throw dealNotFound(dealId);
    const page = events.slice(0, limit);
    return events.length > limit ? { events: page, nextRevision: fromRevision + limit } : { events: page };
  }
}
