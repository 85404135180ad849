import type { DatePrecision } from './figure.js';

/**
 * A date as precise as the source gave it, the amount of a `date` figure: "2027" (year),
 * "2027-Q3" (quarter), "2027-09" (month), "2027-09-15" (day). One spelling per precision
 * (ISO 8601 calendar forms, the quarter as in "2027-Q3"), so equal dates are spelled equally
 * and comparing spellings of one precision compares dates.
 */

const GRAMMAR: Record<DatePrecision, RegExp> = {
  year: /^(\d{4})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  month: /^(\d{4})-(\d{2})$/,
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
};

/** Any of the four spellings, for the event schema; the rules check the one the precision names, and the calendar. */
export const PARTIAL_DATE_PATTERN = new RegExp(
  `^(${Object.values(GRAMMAR)
    .map((grammar) => grammar.source.slice(1, -1))
    .join('|')})$`,
);

export const DATE_EXAMPLES: Record<DatePrecision, string> = {
  year: '2027',
  quarter: '2027-Q3',
  month: '2027-09',
  day: '2027-09-15',
};

/** The span a partial date covers, as first and last day ("2027-Q3" → 2027-07-01 … 2027-09-30). */
export interface DateSpan {
  first: string;
  last: string;
}

/** Undefined unless `value` is a real calendar date in the grammar of `precision` (no 2027-02-30). */
export function parsePartialDate(value: unknown, precision: DatePrecision): DateSpan | undefined {
  if (typeof value !== 'string') return undefined;
  const match = GRAMMAR[precision].exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  switch (precision) {
    case 'year':
      return span(year, 1, 1, year, 12);
    case 'quarter': {
      const quarter = Number(match[2]);
      return span(year, quarter * 3 - 2, 1, year, quarter * 3);
    }
    case 'month': {
      const month = Number(match[2]);
      return month >= 1 && month <= 12 ? span(year, month, 1, year, month) : undefined;
    }
    case 'day': {
      const month = Number(match[2]);
      const day = Number(match[3]);
      if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
      const iso = `${match[1]}-${match[2]}-${match[3]}`;
      return { first: iso, last: iso };
    }
  }
}

export function isPartialDate(value: unknown, precision: DatePrecision): value is string {
  return parsePartialDate(value, precision) !== undefined;
}

/** "2027-Q3" → "Q3 2027", "2027-09" → "September 2027"; anything else as given. */
export function describePartialDate(value: string, precision: DatePrecision): string {
  if (!isPartialDate(value, precision)) return value;
  switch (precision) {
    case 'quarter':
      return `${value.slice(5)} ${value.slice(0, 4)}`;
    case 'month':
      return `${MONTHS[Number(value.slice(5, 7)) - 1]} ${value.slice(0, 4)}`;
    default:
      return value;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function span(firstYear: number, firstMonth: number, firstDay: number, lastYear: number, lastMonth: number): DateSpan {
  return { first: isoDay(firstYear, firstMonth, firstDay), last: isoDay(lastYear, lastMonth, daysIn(lastYear, lastMonth)) };
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Not Date.UTC: it reads years 0–99 as 1900–1999.
function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}
