import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  ErrorCodes,
  fromStoredPartyEvent,
  notFound,
  partyRecordOf,
  partyStreamName,
  type PartyRecord,
  type RecordedPartyEvent,
} from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { knownAtBeyondHead, knownAtInFuture, type RecordPoint } from '../audit/record-point.js';
import { CLOCK, EVENT_STORE } from '../tokens.js';

/** A party as its stream says: now, as on record at `knownAt`, with the name in effect at `validAt`. */
export interface PartyView extends PartyRecord {
  /** The stream's revision (now: send it as If-Match) and the position of its last event, at the moment asked. */
  revision: number;
  position: number;
}

export class GetPartyQuery extends Query<PartyView> {
  constructor(
    readonly partyId: string,
    readonly knownAt?: RecordPoint,
    readonly validAt?: string,
  ) {
    super();
  }
}

/**
 * A fold of the party's stream, read from the store itself (a party stream is short): what
 * was on record at `knownAt` is every event up to that position, or committed by that
 * instant. Only fixed moments are answered, as for deals (record-point.ts): a position
 * already in the log, an instant already past.
 */
@QueryHandler(GetPartyQuery)
export class GetPartyHandler implements IQueryHandler<GetPartyQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ partyId, knownAt, validAt }: GetPartyQuery): Promise<PartyView> {
    const onRecord = (await this.store.readStream(partyStreamName(partyId))).filter(await this.onRecordAt(knownAt));
    const events = onRecord.flatMap((recorded): RecordedPartyEvent[] => {
      const event = recorded.disposal ? undefined : fromStoredPartyEvent(recorded.type, recorded.data);
      return event ? [{ event, recordedAt: recorded.recordedAt }] : [];
    });
    const record = partyRecordOf(events, validAt);
    const last = onRecord.at(-1);
    if (record === undefined || last === undefined) {
      throw notFound(ErrorCodes.partyNotFound, `Party ${partyId} is not registered${knownAt ? ' (on record then)' : ''}`, 'partyId');
    }
    return { ...record, revision: last.revision, position: last.position };
  }

  private async onRecordAt(knownAt: RecordPoint | undefined): Promise<(event: RecordedEvent) => boolean> {
    if (knownAt === undefined) return () => true;
    if ('position' in knownAt) {
      const head = await this.store.headPosition();
      if (knownAt.position > head) throw knownAtBeyondHead('knownAt', knownAt.position, head);
      return (event) => event.position <= knownAt.position;
    }
    const instant = Date.parse(knownAt.time);
    const now = this.clock();
    if (instant >= now.getTime()) throw knownAtInFuture('knownAt', knownAt.time, now);
    return (event) => Date.parse(event.recordedAt) <= instant;
  }
}
