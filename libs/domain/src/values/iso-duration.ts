import { Decimal } from 'decimal.js';
import type { DurationUnit } from './figure.js';

/**
 * ISO 8601 durations (`P7Y`, `P18M`, `P2W`, `P30D`) as a request may spell a term, and as
 * the display shows one beside its words. The domain stores a duration as a decimal plus a
 * unit, so that qualifiers, ranges and equality work as for any amount (design 15 §2.2).
 * Only the date part: a deal's term is never a number of hours.
 */

const DESIGNATORS: Record<DurationUnit, string> = { year: 'Y', month: 'M', week: 'W', day: 'D' };

/** P, then components in Y M W D order; a decimal fraction (ISO allows "," too) only on the last. */
const ISO_DURATION = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?$/;

export interface DecimalDuration {
  amount: string;
  unit: DurationUnit;
}

export function looksLikeIsoDuration(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('P');
}

/**
 * `P7Y` → 7 year; `P1Y6M` → 18 month and `P1W3D` → 10 day, where the sum is exact
 * (12 months a year, 7 days a week). Undefined for anything else: a blank `P`, years with
 * days (months differ in length), or a fraction on a component other than the last.
 */
export function parseIsoDuration(value: string): DecimalDuration | undefined {
  const match = ISO_DURATION.exec(value);
  if (match === null) return undefined;
  const parts = (['year', 'month', 'week', 'day'] as const)
    .map((unit, index) => ({ unit, raw: match[index + 1] }))
    .filter((part): part is { unit: DurationUnit; raw: string } => part.raw !== undefined)
    .map(({ unit, raw }) => ({ unit, amount: new Decimal(raw.replace(',', '.')) }));
  if (parts.length === 0) return undefined;
  if (parts.slice(0, -1).some((part) => !part.amount.isInteger())) return undefined;
  if (parts.length === 1) return { amount: parts[0].amount.toFixed(), unit: parts[0].unit };
  const units = parts.map((part) => part.unit).join(',');
  if (units === 'year,month') return { amount: parts[0].amount.times(12).plus(parts[1].amount).toFixed(), unit: 'month' };
  if (units === 'week,day') return { amount: parts[0].amount.times(7).plus(parts[1].amount).toFixed(), unit: 'day' };
  return undefined;
}

/** 7 year → `P7Y`; 1.5 year → `P1.5Y`. */
export function toIsoDuration(amount: string, unit: DurationUnit): string {
  return `P${amount}${DESIGNATORS[unit]}`;
}
