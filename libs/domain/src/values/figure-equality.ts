import { decimalsEqual, isDecimalString } from './decimal.js';
import type { Conversion, Estimate, FigureValue, Measure, Source } from './figure.js';
import { isIsoTimestamp, timestampsEqual } from './timestamp.js';

/**
 * Equality by meaning, not by spelling: '110000000' equals '110000000.0', and
 * '2025-03-17' equals '2025-03-17T00:00:00Z'. The deciders use it to refuse revisions
 * and corrections that would record nothing new.
 */

export function figureValuesEqual(a: FigureValue, b: FigureValue): boolean {
  return (
    measuresEqual(a.measure, b.measure) &&
    a.qualifier === b.qualifier &&
    a.minQualifier === b.minQualifier &&
    a.maxQualifier === b.maxQualifier &&
    estimatesEqual(a.estimate, b.estimate) &&
    amountsOf(a.measure)(a.amount, b.amount) &&
    amountsOf(a.measure)(a.min, b.min) &&
    amountsOf(a.measure)(a.max, b.max) &&
    a.text === b.text &&
    a.note === b.note &&
    listsEqual(a.conversions ?? [], b.conversions ?? [], conversionsEqual)
  );
}

export function measuresEqual(a: Measure, b: Measure): boolean {
  switch (a.kind) {
    case 'money':
      return b.kind === 'money' && a.currency === b.currency;
    case 'quantity':
      return b.kind === 'quantity' && a.unit === b.unit && a.per === b.per;
    case 'unit_price':
      return b.kind === 'unit_price' && a.currency === b.currency && a.unit === b.unit;
    case 'count':
      return b.kind === 'count' && a.of === b.of;
    case 'duration':
      return b.kind === 'duration' && a.unit === b.unit;
    case 'date':
      return b.kind === 'date' && a.precision === b.precision;
    case 'percentage':
    case 'text':
      return a.kind === b.kind;
  }
}

export function sourcesEqual(a: Source, b: Source): boolean {
  return (
    a.publisher === b.publisher &&
    a.title === b.title &&
    a.url === b.url &&
    optionalTimestampsEqual(a.publishedAt, b.publishedAt) &&
    a.attribution === b.attribution &&
    a.tier === b.tier &&
    a.citedBy === b.citedBy
  );
}

export function optionalTimestampsEqual(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return isIsoTimestamp(a) && isIsoTimestamp(b) ? timestampsEqual(a, b) : a === b;
}

function conversionsEqual(a: Conversion, b: Conversion): boolean {
  return (
    a.currency === b.currency &&
    amountsEqual(a.amount, b.amount) &&
    a.rate.base === b.rate.base &&
    a.rate.quote === b.rate.quote &&
    amountsEqual(a.rate.value, b.rate.value) &&
    a.convertedBy === b.convertedBy
  );
}

/** A date's spelling is its meaning ("0027" is the year 27, not the number 27). */
function amountsOf(measure: Measure): (a: string | undefined, b: string | undefined) => boolean {
  return measure.kind === 'date' ? (a, b) => a === b : amountsEqual;
}

function estimatesEqual(a: Estimate | undefined, b: Estimate | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.by === b.by && a.basis === b.basis;
}

/** Falls back to spelling for non-decimals, so that comparing never throws. */
export function amountsEqual(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return isDecimalString(a) && isDecimalString(b) ? decimalsEqual(a, b) : a === b;
}

function listsEqual<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((item, index) => equal(item, b[index]));
}
