import { invalid } from '#domain';
import type { EventStore } from '#event-store';
import { fromCursor, RequestValidationError } from '#contract';

/**
 * Where a stream starts, exclusive: `Last-Event-ID` (an EventSource reconnecting) wins
 * over `from`, which is `start` (the default), `end` (only what is appended from now on)
 * or a cursor (right after that event).
 */
export async function streamStart(from: unknown, lastEventId: string | undefined, store: EventStore): Promise<number> {
  if (lastEventId !== undefined && lastEventId !== '') return issuedCursor(lastEventId.trim(), 'Last-Event-ID', store);
  if (from === undefined || from === 'start') return 0;
  if (from === 'end') return store.headPosition();
  if (typeof from !== 'string') throw new RequestValidationError([{ field: 'from', message: 'from must be start, end or a cursor' }]);
  return issuedCursor(from, 'from', store);
}

/**
 * A cursor this ledger has issued: one beyond the head comes from another store (or one
 * that was reset), and starting after it would pass over every event until the log got there.
 */
export async function issuedCursor(cursor: string, field: string, store: EventStore): Promise<number> {
  const position = fromCursor(cursor, field);
  if (position > (await store.headPosition())) {
    throw invalid('REQUEST.INVALID_CURSOR', `${field} is beyond the end of this ledger's log: it was issued by another one`, field);
  }
  return position;
}

/** `a,b` or repeated parameters; undefined when absent. */
export function listParameter(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).map((part) => {
    if (typeof part !== 'string') throw new RequestValidationError([{ field, message: `${field} must be text` }]);
    return part;
  });
  return parts.flatMap((part) => part.split(',')).map((part) => part.trim()).filter((part) => part.length > 0);
}

/** Query parameters a route does not know are an error, as unknown body fields are. */
export function refuseUnknownParameters(query: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(query).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new RequestValidationError(unknown.map((field) => ({ field, message: `${field} is not a known parameter` })));
  }
}
