import { DuplicateEventIdError, InvalidArgumentError } from './event-store.errors.js';
import type { ExpectedRevision, NewEvent, StreamAppend } from './event-store.port.js';
import { isExpectedRevision } from './expected-revision.js';
import { encodeJsonObject } from './json-encoding.js';
import { assertWritableStreamName } from './stream-names.js';

/** An event checked and encoded, ready for any adapter to store. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  /** JSON text. */
  data: string;
  /** JSON text. */
  metadata: string;
}

export interface PreparedAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: PreparedEvent[];
}

/**
 * KurrentDB accepts only UUIDs as event ids; refusing anything else here keeps code that
 * works on SQLite or in memory from failing in production. Lowercase only, as the `uuid`
 * package writes them, so that duplicate detection cannot be dodged by case.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Events one write may hold, over all its streams. Far above any command (a few events)
 * or import batch (500 commands), it bounds what one caller can make the store hold in
 * a single transaction; KurrentDB's own limit is the gRPC message size (~16 MiB).
 */
export const MAX_EVENTS_PER_WRITE = 10_000;

/**
 * Validates and encodes every append of one write before anything touches storage, so a
 * bad event anywhere refuses the whole write. Duplicate ids inside the write are caught
 * here; ids already stored are the adapter's to catch.
 */
export function prepareAppends(appends: readonly StreamAppend[]): PreparedAppend[] {
  if (!Array.isArray(appends)) throw new InvalidArgumentError('appends', 'must be an array');
  const total = appends.reduce((sum, append) => sum + (Array.isArray(append?.events) ? append.events.length : 0), 0);
  if (total > MAX_EVENTS_PER_WRITE) {
    throw new InvalidArgumentError('appends', `hold ${total} events; one write may hold at most ${MAX_EVENTS_PER_WRITE}`);
  }
  const seenIds = new Set<string>();
  return appends.map((append, i) =>
    prepareAppend(append?.streamId, append?.events, append?.expectedRevision, `appends[${i}].`, seenIds),
  );
}

export function prepareAppend(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  argumentPrefix = '',
  seenIds = new Set<string>(),
): PreparedAppend {
  assertWritableStreamName(streamId);
  if (!isExpectedRevision(expectedRevision)) {
    throw new InvalidArgumentError(
      `${argumentPrefix}expectedRevision`,
      `must be 'no_stream', 'stream_exists', 'any' or a revision ≥ 0, got ${JSON.stringify(expectedRevision)}`,
    );
  }
  if (!Array.isArray(events) || events.length === 0) {
    // An empty append would have no revision or position to report.
    throw new InvalidArgumentError(`${argumentPrefix}events`, 'must be a non-empty array');
  }
  if (events.length > MAX_EVENTS_PER_WRITE) {
    throw new InvalidArgumentError(`${argumentPrefix}events`, `hold ${events.length} events; one write may hold at most ${MAX_EVENTS_PER_WRITE}`);
  }
  return {
    streamId,
    expectedRevision,
    events: events.map((event, j) => prepareEvent(event, `${argumentPrefix}events[${j}]`, seenIds)),
  };
}

function prepareEvent(event: NewEvent, argument: string, seenIds: Set<string>): PreparedEvent {
  if (event === null || typeof event !== 'object') throw new InvalidArgumentError(argument, 'must be an event');
  const { eventId, type } = event;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) {
    throw new InvalidArgumentError(`${argument}.eventId`, `must be a lowercase UUID, got ${JSON.stringify(eventId)}`);
  }
  if (seenIds.has(eventId)) throw new DuplicateEventIdError(eventId);
  seenIds.add(eventId);
  if (typeof type !== 'string' || type.length === 0) {
    throw new InvalidArgumentError(`${argument}.type`, 'must be a non-empty string');
  }
  return {
    eventId,
    type,
    data: encodeJsonObject(event.data, `${argument}.data`),
    metadata: encodeJsonObject(event.metadata, `${argument}.metadata`),
  };
}
