import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertValidId, dealStreamName } from '#domain';
import type { EventStore } from '#event-store';
import type { DealStateReader, DealView } from '#projections';
import { ApplicationError } from '../application.errors.js';
import { DEAL_STATE_READER, EVENT_STORE } from '../tokens.js';

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
  constructor(
    @Inject(DEAL_STATE_READER) private readonly reader: DealStateReader,
    @Inject(EVENT_STORE) private readonly store?: EventStore,
  ) {}

  async execute({ dealId }: GetDealQuery): Promise<DealView> {
    assertValidId(dealId, 'dealId');
    const deal = this.reader.getDeal(dealId);
    if (!deal) throw (await this.disposed(dealId)) ?? dealNotFound(dealId);
    return deal;
  }

  /** A deal disposed of past retention is gone from the read models, but not silently: its stream says by which disposal. */
  private async disposed(dealId: string): Promise<ApplicationError | undefined> {
    const [first] = (await this.store?.readStream(dealStreamName(dealId), { maxCount: 1 })) ?? [];
    return first?.disposal && dealDisposed(dealId, first.disposal);
  }
}

export const dealDisposed = (dealId: string, disposal: { disposalEventId: string; disposedAt: string }): ApplicationError =>
  new ApplicationError(
    'DEAL.DISPOSED',
    `Deal ${dealId} was disposed of past its retention date on ${disposal.disposedAt} (disposal ${disposal.disposalEventId} in admin-disposals): ` +
      'its events keep their hashes and places in the log, not their contents (GET /deals/:dealId/events)',
    'not_found',
    { dealId, disposalEventId: disposal.disposalEventId, disposedAt: disposal.disposedAt },
  );

/** A party disposed of past retention: nothing can be recorded on it or reference it any more. */
export const partyDisposed = (partyId: string, disposal: { disposalEventId: string; disposedAt: string }): ApplicationError =>
  new ApplicationError(
    'PARTY.DISPOSED',
    `Party ${partyId} was disposed of past its retention date on ${disposal.disposedAt} (disposal ${disposal.disposalEventId} in admin-disposals)`,
    'not_found',
    { partyId, disposalEventId: disposal.disposalEventId, disposedAt: disposal.disposedAt },
  );
