import type { ExpectedRevision } from './event-store.port.js';

/**
 * Errors every adapter throws in place of its client's own: nothing above this library
 * sees a better-sqlite3 or KurrentDB error type. The client's error may ride along as
 * `cause`, for logs only.
 */
export class EventStoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The stream was not at the expected revision: somebody else wrote first. */
export class WrongExpectedRevisionError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super('CONCURRENCY.WRONG_EXPECTED_REVISION', `Stream ${streamId} is at ${actual}, expected ${expected}`);
  }
}

export class InvalidStreamNameError extends EventStoreError {
  constructor(readonly streamId: string) {
    super('STORE.INVALID_STREAM_NAME', `Invalid stream name: ${JSON.stringify(streamId)}`);
  }
}

/** An event id already stored: the same write was made before. */
export class DuplicateEventIdError extends EventStoreError {
  constructor(readonly eventId: string) {
    super('STORE.DUPLICATE_EVENT_ID', `Event ${eventId} is already stored`);
  }
}

/** The store cannot be reached or has been closed. */
export class StoreUnavailableError extends EventStoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE.UNAVAILABLE', message, options);
  }
}

/**
 * A call the store refuses whatever its state: an empty append, an event id that is not
 * a UUID, data that would not survive a JSON round trip, a negative position…
 * Nothing is written.
 */
export class InvalidArgumentError extends EventStoreError {
  constructor(
    /** Which argument, e.g. `events[2].data.amount` or `options.maxCount`. */
    readonly argument: string,
    message: string,
  ) {
    super('STORE.INVALID_ARGUMENT', `${argument}: ${message}`);
  }
}

/**
 * A stored event that no longer decodes (its JSON does not parse): the file was edited
 * behind the store's back. Names the event, so verification can report it instead of
 * failing with a parse error.
 */
export class UnreadableEventError extends EventStoreError {
  constructor(
    readonly at: { streamId: string; revision: number; position: number; eventId: string },
    why: string,
  ) {
    super('STORE.UNREADABLE_EVENT', `${at.streamId}@${at.revision} (position ${at.position}) cannot be read: ${why}`);
  }
}
