import { ErrorCodes, invalid } from '../errors.js';

/** ISO-8601 with an explicit zone (Z or ±hh:mm); a date alone (YYYY-MM-DD) means that day in UTC. */
export const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

export function isIsoTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_INSTANT.exec(value);
  if (match === null) return false;
  const part = (index: number): number => Number(match[index] ?? '0');
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = [1, 2, 3, 4, 5, 6, 7, 8].map(part);
  // V8's Date.parse rolls impossible dates over (2025-02-30 → 2025-03-02) instead of
  // failing, so every field is range-checked here before Date.parse sees it.
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHour <= 23 &&
    offsetMinute <= 59 &&
    !Number.isNaN(Date.parse(value))
  );
}

export function assertTimestamp(value: unknown, field: string): asserts value is string {
  if (!isIsoTimestamp(value)) {
    throw invalid(ErrorCodes.invalidTimestamp, `${field} must be an ISO-8601 date or date-time with a zone`, field);
  }
}

/**
 * Same instant, whatever the spelling: '2025-03-17' and '2025-03-17T00:00:00Z' are equal.
 * Both must be valid timestamps; digits beyond the millisecond are not compared.
 */
export function timestampsEqual(a: string, b: string): boolean {
  return a === b || Date.parse(a) === Date.parse(b);
}

/** A date alone: `2025-03-17`, with neither a time nor a zone. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The earliest instant a valid timestamp can mean, in ms since the epoch. A date alone
 * names a day somewhere on Earth: it begins first at UTC+14 (the Line Islands), so a
 * report dated "today" is possible as soon as that day has begun anywhere.
 */
export function earliestInstantOf(value: string): number {
  return Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00+14:00` : value);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
