import { invalid } from '#domain';

/**
 * Global positions leave the API as opaque cursor strings, so that SQLite rowids and
 * KurrentDB commit positions fit the same field. Clients compare them for equality
 * and pass them back; they never compute with them.
 */
export const toCursor = (position: number): string => String(position);

export function fromCursor(cursor: string, field: string): number {
  if (!/^\d{1,16}$/.test(cursor)) throw invalid('REQUEST.INVALID_CURSOR', `${field} is not a cursor this ledger issued`, field);
  return Number(cursor);
}
