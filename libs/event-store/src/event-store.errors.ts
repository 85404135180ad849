// The one error base of the ledger; the store takes nothing else from the domain.
import { LedgerError, type ErrorKind } from '../../domain/src/ledger-error.js';
import type { ExpectedRevision } from './event-store.port.js';

/**
 * Errors every adapter throws in place of its client's own: nothing above this library
 * sees a better-sqlite3 or KurrentDB error type. The client's error may ride along as
 * `cause`, for logs only. Unless a subclass says otherwise, a store error is the
 * ledger's own fault (`internal`): a caller cannot fix it.
 */
export class EventStoreError extends LedgerError {
  constructor(code: string, message: string, options: { cause?: unknown; kind?: ErrorKind } = {}) {
    super(code, message, options.kind ?? 'internal', { cause: options.cause });
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
    // A conflict that outlasts a writer's retries reaches the caller as what it is: 409.
    super('CONCURRENCY.WRONG_EXPECTED_REVISION', `Stream ${streamId} is at ${actual}, expected ${expected}`, { kind: 'conflict' });
  }
}

export class InvalidStreamNameError extends EventStoreError {
  constructor(readonly streamId: string) {
    super('STORE.INVALID_STREAM_NAME', `Invalid stream name: ${JSON.stringify(streamId)}`, { kind: 'invalid' });
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
    super('STORE.UNAVAILABLE', message, { ...options, kind: 'unavailable' });
  }

  /** The message names files, hosts and client errors: for the operator's log only. */
  override get publicMessage(): string {
    return 'The event store is unavailable';
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
    super('STORE.INVALID_ARGUMENT', `${argument}: ${message}`, { kind: 'invalid' });
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

/** A disposal whose targets are not as the caller read them (already emptied, replaced, a disposal record itself): nothing is written. */
export class DisposalRefusedError extends EventStoreError {
  constructor(
    readonly eventId: string,
    why: string,
  ) {
    super('STORE.DISPOSAL_REFUSED', `Event ${eventId} cannot be disposed of: ${why}`, { kind: 'conflict' });
  }
}
