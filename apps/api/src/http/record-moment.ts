import type { RecordPoint } from '#application';
import { invalid, isIsoTimestamp } from '#domain';
import { fromCursor } from '#contract';

/**
 * A moment of the record in a query string: a cursor the ledger issued (a position), or
 * an ISO-8601 instant; a date alone means the start of that day, UTC.
 */
export function parseRecordPoint(value: string, field: string): RecordPoint {
  if (/^\d+$/.test(value)) return { position: fromCursor(value, field) };
  if (isIsoTimestamp(value)) return { time: value };
  throw invalid('REQUEST.INVALID_RECORD_POINT', `${field} must be a cursor or an ISO-8601 date or date-time with a zone`, field);
}

export function parseInstant(value: string, field: string): string {
  if (isIsoTimestamp(value)) return value;
  throw invalid('TIME.INVALID_TIMESTAMP', `${field} must be an ISO-8601 date or date-time with a zone`, field);
}
