import { canonicalDecimal, isDecimalString } from './decimal.js';
import type { Conversion, FigureValue, Measure } from './figure.js';
import { withoutUndefined } from './without-undefined.js';

/**
 * The one spelling of what a value means: decimals in their shortest form ('110000000.00' →
 * '110000000'), members in one order, absent ones left out. Two values are equal by meaning
 * (figure-equality.ts) exactly when their canonical forms are deep-equal. The ledger still
 * stores what the source printed; this form is for comparing, hashing answers and tests.
 */
export function canonicalFigureValue(value: FigureValue): FigureValue {
  // A date ("2027-Q3", or "0027" for a year) has one spelling per precision already.
  const canonicalAmount = value.measure.kind === 'date' ? (amount: string | undefined) => amount : canonicalDecimalIfAny;
  return withoutUndefined({
    measure: canonicalMeasure(value.measure),
    qualifier: value.qualifier,
    minQualifier: value.minQualifier,
    maxQualifier: value.maxQualifier,
    amount: canonicalAmount(value.amount),
    min: canonicalAmount(value.min),
    max: canonicalAmount(value.max),
    text: value.text,
    conversions: value.conversions?.map(canonicalConversion),
    note: value.note,
    estimate: value.estimate === undefined ? undefined : withoutUndefined({ by: value.estimate.by, basis: value.estimate.basis }),
  }) as FigureValue;
}

function canonicalMeasure(measure: Measure): Measure {
  switch (measure.kind) {
    case 'money':
      return { kind: 'money', currency: measure.currency };
    case 'quantity':
      return withoutUndefined({ kind: 'quantity' as const, unit: measure.unit, per: measure.per });
    case 'unit_price':
      return { kind: 'unit_price', currency: measure.currency, unit: measure.unit };
    case 'count':
      return withoutUndefined({ kind: 'count' as const, of: measure.of });
    case 'duration':
      return { kind: 'duration', unit: measure.unit };
    case 'date':
      return { kind: 'date', precision: measure.precision };
    case 'percentage':
    case 'text':
      return { kind: measure.kind };
  }
}

function canonicalConversion(conversion: Conversion): Conversion {
  return withoutUndefined({
    currency: conversion.currency,
    amount: canonicalDecimalIfAny(conversion.amount) ?? conversion.amount,
    rate: { base: conversion.rate.base, quote: conversion.rate.quote, value: canonicalDecimalIfAny(conversion.rate.value) ?? conversion.rate.value },
    convertedBy: conversion.convertedBy,
  });
}

/** What is not a decimal is kept as given, so that a stored oddity never makes this throw. */
function canonicalDecimalIfAny(amount: string | undefined): string | undefined {
  return amount !== undefined && isDecimalString(amount) ? canonicalDecimal(amount) : amount;
}
