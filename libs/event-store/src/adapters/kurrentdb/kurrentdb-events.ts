import type { EventType, JSONEventData, JSONType, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import type { PreparedEvent } from '../../append-preparation.js';
import { hashOfPrepared } from '../../chain/event-hash.js';
import type { JsonObject, RecordedEvent } from '../../event-store.port.js';
import { isPlainObject } from '../../json-encoding.js';
import { fromKurrentMetadata, toKurrentMetadata } from './kurrentdb-metadata.js';
import { unreadableRecordedEvent } from '../../unreadable-recorded-event.js';
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

/**
 * A KurrentDB event in our terms, under our stream name (without the store's prefix). An
 * event the ledger did not write (binary or non-object data, metadata without its stamp)
 * is still handed on, as an unreadable event (see unreadable-recorded-event.ts): anyone
 * who may write the stream on the server can put one there, and throwing here would stop
 * every reader of the log at it, on every replica, before the projections' quarantine
 * could set it aside. Its commit time is then the server's.
 */
export function fromKurrentEvent(event: KurrentRecordedEvent<EventType>, streamId: string): RecordedEvent {
  const envelope = {
    eventId: event.id.toLowerCase(),
    streamId,
    revision: Number(event.revision),
    position: positionFromKurrent(event.position),
    type: event.type,
  };
  const stored = fromKurrentMetadata(event.metadata);
  if ('unreadable' in stored) return unreadableRecordedEvent({ ...envelope, recordedAt: serverTime(event.created) }, stored.unreadable);
  if (!event.isJson || !isPlainObject(event.data)) {
    return unreadableRecordedEvent({ ...envelope, recordedAt: stored.recordedAt }, 'its data is no JSON object: it was not written by the ledger');
  }
  return { ...envelope, data: event.data as JsonObject, metadata: stored.metadata, recordedAt: stored.recordedAt, hash: stored.hash };
}

/** The server's `created` time; the epoch when the client could not convert it (it then gives an invalid Date). */
function serverTime(created: Date | undefined): string {
  return created instanceof Date && !Number.isNaN(created.getTime()) ? created.toISOString() : new Date(0).toISOString();
}

export function headOf(event: RecordedEvent | undefined): StreamHead | undefined {
  return event && { revision: event.revision, hash: event.hash, recordedAt: event.recordedAt };
}
