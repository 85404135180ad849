import { invalid } from '#domain';

/**
 * Global positions leave the API as opaque cursor strings, so that SQLite rowids and
 * KurrentDB commit positions fit the same field. Clients compare them for equality
 * and pass them back; they never compute with them. (On KurrentDB a cursor is the event's
 * `$all` commit position, which equals its prepare position for every event the ledger
 * writes: see libs/event-store/src/adapters/kurrentdb/kurrentdb-positions.ts.)
 */
export const toCursor = (position: number): string => String(position);

export function fromCursor(cursor: string, field: string): number {
  // 16 digits reach past 2^53: beyond it a JS number would round to another position.
  if (!/^\d{1,16}$/.test(cursor) || !Number.isSafeInteger(Number(cursor))) {
    throw invalid('REQUEST.INVALID_CURSOR', `${field} is not a cursor this ledger issued`, field);
  }
  return Number(cursor);
}
