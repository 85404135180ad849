import { describeFailure, hasSqliteCode, type RecordedEvent } from '#event-store';

/** A projection threw on one event. Carried out of the fast path so the batch can be redone event by event. */
export class EventApplyFailure extends Error {
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(`${projection} failed on ${event.type} at position ${event.position}: ${describeFailure(cause)}`);
    this.name = 'EventApplyFailure';
  }
}

/**
 * A projection's rows held in memory for a batch failed to be written at its end: no one
 * event is to blame yet. Redone event by event like any apply failure, which finds the
 * event (if any) and quarantines it.
 */
export class BatchWriteFailure extends EventApplyFailure {
  constructor(projection: string, lastEvent: RecordedEvent, cause: unknown) {
    super(projection, lastEvent, cause);
    this.message = `${projection} failed writing the batch up to position ${lastEvent.position}: ${describeFailure(cause)}`;
    this.name = 'BatchWriteFailure';
  }
}

/**
 * SQLite failures of the file or the machine rather than of one event (disk full, I/O,
 * read-only, corrupt…). Quarantining would wrongly blame every event that meets them:
 * they fault the runner instead, with rows and checkpoint left as they were.
 * Codes: https://www.sqlite.org/rescode.html
 */
const INFRASTRUCTURE_CODES = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_CORRUPT',
  'SQLITE_NOMEM',
  'SQLITE_CANTOPEN',
  'SQLITE_NOTADB',
  'SQLITE_PROTOCOL',
  'SQLITE_PERM',
  'SQLITE_AUTH',
  'SQLITE_INTERRUPT',
  'SQLITE_ABORT',
  'SQLITE_NOLFS',
];

export const isInfrastructureFailure = (error: unknown): boolean => hasSqliteCode(error, INFRASTRUCTURE_CODES);
