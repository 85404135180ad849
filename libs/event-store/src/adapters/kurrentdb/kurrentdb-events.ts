import type { EventType, JSONEventData, JSONType, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import type { PreparedEvent } from '../../append-preparation.js';
import { hashOfPrepared } from '../../chain/event-hash.js';
import { EventStoreError } from '../../event-store.errors.js';
import type { JsonObject, RecordedEvent } from '../../event-store.port.js';
import { isPlainObject } from '../../json-encoding.js';
import { fromKurrentMetadata, toKurrentMetadata } from './kurrentdb-metadata.js';
import { positionFromKurrent } from './kurrentdb-positions.js';

/** The last event of a stream, which a new append continues. */
export interface StreamHead {
  revision: number;
  hash: string;
  recordedAt: string;
}

/**
 * Events checked by `prepareAppend`, as KurrentDB stores them: JSON content (so its
 * projections can read data and metadata), our event ids as KurrentDB's, our metadata keys
 * mapped onto its reserved ones, and each event's hash chained to the one before it in the
 * stream, starting from `head`. The data is parsed back from the checked JSON text, so what
 * is sent (and hashed) is exactly what was checked, whatever the caller does with its
 * objects meanwhile.
 */
export function toEventData(
  events: readonly PreparedEvent[],
  at: { streamId: string; head: StreamHead | undefined; recordedAt: string },
): JSONEventData[] {
  let previousHash = at.head?.hash;
  const firstRevision = (at.head?.revision ?? -1) + 1;
  return events.map((event, i) => {
    const hash = hashOfPrepared(event, { streamId: at.streamId, revision: firstRevision + i, recordedAt: at.recordedAt, previousHash });
    previousHash = hash;
    return {
      id: event.eventId,
      contentType: 'application/json',
      type: event.type,
      data: JSON.parse(event.data) as JSONType,
      metadata: toKurrentMetadata(JSON.parse(event.metadata) as JsonObject, { recordedAt: at.recordedAt, hash }) as JSONType,
    };
  });
}

/** A KurrentDB event in our terms, under our stream name (without the store's prefix). */
export function fromKurrentEvent(event: KurrentRecordedEvent<EventType>, streamId: string): RecordedEvent {
  const eventId = event.id.toLowerCase();
  if (!event.isJson || !isPlainObject(event.data)) {
    throw new EventStoreError('STORE.UNREADABLE_EVENT', `Event ${eventId} in ${streamId} has no JSON object as data`);
  }
  const { metadata, recordedAt, hash } = fromKurrentMetadata(event.metadata, eventId);
  return {
    eventId,
    streamId,
    revision: Number(event.revision),
    position: positionFromKurrent(event.position),
    type: event.type,
    data: event.data as JsonObject,
    metadata,
    recordedAt,
    hash,
  };
}

export function headOf(event: RecordedEvent | undefined): StreamHead | undefined {
  return event && { revision: event.revision, hash: event.hash, recordedAt: event.recordedAt };
}
