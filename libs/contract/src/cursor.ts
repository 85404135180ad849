import { invalid } from '#domain';

/**
 * Global positions leave the API as opaque cursor strings, so that SQLite rowids and
 * KurrentDB commit positions fit the same field. Clients compare them for equality
 * and pass them back; they never compute with them. (On KurrentDB a cursor is the event's
 * `$all` commit position, which equals its prepare position for every event the ledger
 * writes: see libs/event-store/src/adapters/kurrentdb/kurrentdb-positions.ts.)
 */
export const toCursor = (position: number): string => String(position);

/** How an answer documents a cursor field (spread it to give the field its own description). */
export const CURSOR_PROPERTY = { description: 'An opaque cursor', example: '42' };

export function fromCursor(cursor: string, field: string): number {
  // 16 digits reach past 2^53: beyond it a JS number would round to another position.
  if (!/^\d{1,16}$/.test(cursor) || !Number.isSafeInteger(Number(cursor))) {
    throw invalid('REQUEST.INVALID_CURSOR', `${field} is not a cursor this ledger issued`, field);
  }
  return Number(cursor);
}

/** The same shape with `position` as a cursor (optional where it was). */
export type WithCursor<T> = { [K in keyof T]: K extends 'position' ? Exclude<T[K], number> | string : T[K] };

/**
 * The ways an answer's `position` becomes a cursor; every answer converter uses one. Each
 * keeps the key where that answer has always had it, so the JSON stays byte-for-byte the same.
 */
export const withCursor = <T extends { position: number }>(value: T): WithCursor<T> =>
  ({ ...value, position: toCursor(value.position) }) as WithCursor<T>;

/** The same, with `position` last (left out where it is absent). */
export function withCursorLast<T extends { position?: number }>(value: T): WithCursor<T> {
  const { position, ...rest } = value;
  return (position === undefined ? rest : { ...rest, position: toCursor(position) }) as WithCursor<T>;
}
