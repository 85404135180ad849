import { ErrorCodes, invalid } from '../errors.js';
import { parseDecimal } from './decimal.js';
import {
  QUALIFIERS,
  RANGE_MAX_QUALIFIERS,
  RANGE_MIN_QUALIFIERS,
  SOURCE_TIERS,
  STAGES,
  UNDISCLOSED_QUALIFIERS,
  type FigureReport,
  type FigureValue,
  type Qualifier,
  type Source,
} from './figure.js';
import { assertValidId } from './identifiers.js';
import { assertList, assertOneOf, assertOptionalText, assertRecord, assertRequiredText, isRecord } from './input.js';
import { assertAmountOf, assertCurrency, assertValidMeasure } from './measure-rules.js';
import { assertTimestamp } from './timestamp.js';

/**
 * The rules every reported figure obeys, whatever fact it belongs to. Each failure names
 * the offending path (e.g. `amount.value.conversions[0].rate`) so that an API caller can
 * point at the exact input.
 */

/** Words carry no magnitude, so "up to", "more than" or a range cannot apply to them. */
export const TEXT_QUALIFIERS: readonly Qualifier[] = ['exact', 'about', 'undisclosed', 'withheld'];

const VALUE_PARTS = ['amount', 'min', 'max', 'text', 'conversions'] as const;

export { assertCurrency, assertValidMeasure } from './measure-rules.js';

/** Measures whose amount is in a currency, and so may carry conversions to others. */
const CONVERTIBLE_MEASURES: readonly string[] = ['money', 'unit_price'];

export function assertValidFigureValue(value: unknown, field: string): asserts value is FigureValue {
  assertRecord(value, field);
  const measure = value.measure;
  assertValidMeasure(measure, `${field}.measure`);
  const qualifier = value.qualifier;
  assertOneOf(qualifier, QUALIFIERS, `${field}.qualifier`, ErrorCodes.qualifierNotAllowed);
  if (measure.kind === 'text' && !TEXT_QUALIFIERS.includes(qualifier)) {
    throw invalid(
      ErrorCodes.qualifierNotAllowed,
      `${field}.qualifier must be one of ${TEXT_QUALIFIERS.join(', ')} for a figure reported in words`,
      `${field}.qualifier`,
    );
  }
  assertOptionalText(value.note, `${field}.note`);
  if (value.conversions !== undefined && !CONVERTIBLE_MEASURES.includes(measure.kind)) {
    throw invalid(ErrorCodes.conversionOnNonMoney, `${field}.conversions apply to money and unit prices only`, `${field}.conversions`);
  }
  assertBoundQualifiers(value, field);
  assertEstimate(value, field);

  if (UNDISCLOSED_QUALIFIERS.includes(qualifier)) {
    // "Declined to comment" is a value of its own; a number beside it would contradict it.
    for (const part of VALUE_PARTS) {
      if (value[part] !== undefined) {
        throw invalid(
          ErrorCodes.valueOnUndisclosed,
          `${field}.${part} must be absent when the figure is ${qualifier} (a note may say why)`,
          `${field}.${part}`,
        );
      }
    }
    return;
  }

  if (measure.kind === 'text') {
    rejectParts(value, ['amount', 'min', 'max'], field, 'a figure reported in words');
    if (value.text === undefined) {
      throw invalid(ErrorCodes.missingValue, `${field}.text is required`, `${field}.text`);
    }
    assertRequiredText(value.text, `${field}.text`);
    return;
  }

  rejectParts(value, ['text'], field, `a ${measure.kind} figure`);
  if (qualifier === 'range') {
    rejectParts(value, ['amount'], field, 'a range (use min and max)');
    const min = assertAmountOf(value.min, measure, `${field}.min`);
    const max = assertAmountOf(value.max, measure, `${field}.max`);
    if (min.gt(max)) {
      throw invalid(ErrorCodes.rangeInverted, `${field}.min must not be greater than ${field}.max`, `${field}.min`);
    }
  } else {
    rejectParts(value, ['min', 'max'], field, `a figure qualified ${qualifier} (use amount)`);
    assertAmountOf(value.amount, measure, `${field}.amount`);
  }

  if (value.conversions !== undefined && (measure.kind === 'money' || measure.kind === 'unit_price')) {
    const conversions = value.conversions;
    assertList(conversions, `${field}.conversions`, { nonEmpty: false });
    conversions.forEach((conversion, index) =>
      assertValidConversion(conversion, measure.currency, `${field}.conversions[${index}]`),
    );
  }
}

/**
 * A conversion is stored as the source printed it: its amount is never recomputed from
 * the rate (USD 120,000,000 at USD 1 = EUR 0.9188 stays so, though 110M / 0.9188 is not
 * exactly 120M), but the rate must at least join the two currencies involved.
 */
export function assertValidConversion(conversion: unknown, figureCurrency: string, field: string): void {
  assertRecord(conversion, field);
  assertCurrency(conversion.currency, `${field}.currency`);
  if (conversion.currency === figureCurrency) {
    throw invalid(
      ErrorCodes.conversionSameCurrency,
      `${field}.currency must differ from the figure's currency ${figureCurrency}`,
      `${field}.currency`,
    );
  }
  assertAmountOf(conversion.amount, { kind: 'money', currency: conversion.currency }, `${field}.amount`);
  const rate = conversion.rate;
  if (!isRecord(rate)) {
    throw invalid(ErrorCodes.conversionWithoutRate, `${field}.rate is required: a conversion keeps its rate`, `${field}.rate`);
  }
  if (rate.value === undefined || rate.value === null) {
    throw invalid(ErrorCodes.conversionWithoutRate, `${field}.rate.value is required`, `${field}.rate.value`);
  }
  assertCurrency(rate.base, `${field}.rate.base`);
  assertCurrency(rate.quote, `${field}.rate.quote`);
  if (!parseDecimal(rate.value, `${field}.rate.value`).gt(0)) {
    throw invalid(ErrorCodes.invalidRate, `${field}.rate.value must be greater than 0`, `${field}.rate.value`);
  }
  const joins =
    (rate.base === figureCurrency && rate.quote === conversion.currency) ||
    (rate.base === conversion.currency && rate.quote === figureCurrency);
  if (!joins) {
    throw invalid(
      ErrorCodes.conversionRateMismatch,
      `${field}.rate must be between ${figureCurrency} and ${conversion.currency} (either way round)`,
      `${field}.rate`,
    );
  }
  assertOptionalText(conversion.convertedBy, `${field}.convertedBy`);
}

export function assertValidSource(source: unknown, field: string): asserts source is Source {
  assertRecord(source, field);
  assertRequiredText(source.publisher, `${field}.publisher`);
  assertOptionalText(source.title, `${field}.title`);
  assertOptionalText(source.attribution, `${field}.attribution`);
  assertOptionalText(source.citedBy, `${field}.citedBy`);
  if (source.url !== undefined) assertHttpUrl(source.url, `${field}.url`);
  if (source.publishedAt !== undefined) assertTimestamp(source.publishedAt, `${field}.publishedAt`);
  assertOneOf(source.tier, SOURCE_TIERS, `${field}.tier`);
}

export function assertValidFigureReport(report: unknown, field: string): asserts report is FigureReport {
  assertRecord(report, field);
  assertValidId(report.figureId, `${field}.figureId`);
  assertValidFigureValue(report.value, `${field}.value`);
  assertValidSource(report.source, `${field}.source`);
  assertTimestamp(report.reportedAt, `${field}.reportedAt`);
  if (report.effectiveAt !== undefined) assertTimestamp(report.effectiveAt, `${field}.effectiveAt`);
  // Whether a stage applies to the fact the figure belongs to is the fact's rule, not the figure's.
  if (report.stage !== undefined) assertOneOf(report.stage, STAGES, `${field}.stage`, ErrorCodes.invalidStage);
}

/** "More than 80 and up to 100": how each bound was reported, which only a range has. */
function assertBoundQualifiers(value: Record<string, unknown>, field: string): void {
  for (const [part, allowed] of [['minQualifier', RANGE_MIN_QUALIFIERS], ['maxQualifier', RANGE_MAX_QUALIFIERS]] as const) {
    if (value[part] === undefined) continue;
    if (value.qualifier !== 'range') {
      throw invalid(
        ErrorCodes.boundQualifierWithoutRange,
        `${field}.${part} applies to a range only (this figure is ${String(value.qualifier)})`,
        `${field}.${part}`,
      );
    }
    assertOneOf(value[part], allowed, `${field}.${part}`, ErrorCodes.qualifierNotAllowed);
  }
}

/** An estimate names who estimated; an estimate of nothing ("estimated: undisclosed") says nothing. */
function assertEstimate(value: Record<string, unknown>, field: string): void {
  const estimate = value.estimate;
  if (estimate === undefined) return;
  assertRecord(estimate, `${field}.estimate`);
  assertRequiredText(estimate.by, `${field}.estimate.by`);
  assertOptionalText(estimate.basis, `${field}.estimate.basis`);
  if (UNDISCLOSED_QUALIFIERS.includes(value.qualifier as Qualifier)) {
    throw invalid(
      ErrorCodes.estimateOfUndisclosed,
      `${field}.estimate has no place in a figure that is ${String(value.qualifier)}: an estimate gives a value`,
      `${field}.estimate`,
    );
  }
}

function rejectParts(value: Record<string, unknown>, parts: readonly string[], field: string, what: string): void {
  for (const part of parts) {
    if (value[part] !== undefined) {
      throw invalid(ErrorCodes.unexpectedValue, `${field}.${part} has no place in ${what}`, `${field}.${part}`);
    }
  }
}

function assertHttpUrl(value: unknown, field: string): void {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalid(ErrorCodes.invalidUrl, `${field} must be an http(s) URL`, field);
  }
}
