import { isDecimalString } from './decimal.js';
import type { Conversion, Estimate, FigureValue, Measure, Qualifier, RangeMaxQualifier, RangeMinQualifier } from './figure.js';
import { toIsoDuration } from './iso-duration.js';
import { describePartialDate } from './partial-date.js';

/**
 * A figure in words, as an auditor reads it: "up to EUR 110,000,000", "about 50 %",
 * "undisclosed (declined to comment)". Decimals keep the places the source gave
 * ('0.9188', '110,000,000.50'): the words must not look more or less exact than the report.
 */
export function describeFigureValue(value: FigureValue): string {
  // A unit price's conversion is a price per the same unit: "USD 65 per kg at …".
  const per = value.measure.kind === 'unit_price' ? ` per ${value.measure.unit}` : '';
  const asides = [...(value.conversions ?? []).map((conversion) => describeConversion(conversion, per)), ...(value.note !== undefined ? [value.note] : [])];
  const main = `${value.estimate !== undefined ? describeEstimate(value.estimate) : ''}${describeMain(value)}`;
  return asides.length > 0 ? `${main} (${asides.join('; ')})` : main;
}

/** Said first, so an estimate never reads as a reported value. */
function describeEstimate(estimate: Estimate): string {
  return `estimate by ${estimate.by}${estimate.basis !== undefined ? ` (${estimate.basis})` : ''}: `;
}

const QUALIFIER_WORDS: Record<Exclude<Qualifier, 'range' | 'undisclosed' | 'withheld'>, string> = {
  exact: '',
  up_to: 'up to ',
  at_most: 'at most ',
  at_least: 'at least ',
  more_than: 'more than ',
  about: 'about ',
};

function describeMain(value: FigureValue): string {
  switch (value.qualifier) {
    case 'undisclosed':
    case 'withheld':
      return value.qualifier;
    case 'range':
      return describeRange(value);
    default: {
      const words = QUALIFIER_WORDS[value.qualifier];
      if (value.measure.kind === 'text') return `${words}${value.text ?? ''}`;
      return `${words}${describePoint(value.measure, value.amount ?? '?')}`;
    }
  }
}

const MIN_WORDS: Record<RangeMinQualifier, string> = { at_least: 'at least ', more_than: 'more than ', about: 'about ' };
const MAX_WORDS: Record<RangeMaxQualifier, string> = { at_most: 'at most ', up_to: 'up to ', about: 'about ' };

/**
 * "EUR 90,000,000–110,000,000" when the source gave two plain bounds; spelled out when it
 * qualified either: "between EUR 80,000,000 and up to EUR 100,000,000".
 */
function describeRange(value: FigureValue): string {
  const min = value.min ?? '?';
  const max = value.max ?? '?';
  if (value.minQualifier === undefined && value.maxQualifier === undefined) {
    return withMeasure(value.measure, `${magnitude(value.measure, min)}–${magnitude(value.measure, max)}`, true);
  }
  const from = `${value.minQualifier !== undefined ? MIN_WORDS[value.minQualifier] : ''}${describePoint(value.measure, min)}`;
  const to = `${value.maxQualifier !== undefined ? MAX_WORDS[value.maxQualifier] : ''}${describePoint(value.measure, max)}`;
  return `between ${from} and ${to}`;
}

/** One amount with its measure; a duration also in ISO 8601, as terms are often quoted: "7 years (P7Y)". */
function describePoint(measure: Measure, amount: string): string {
  const words = withMeasure(measure, magnitude(measure, amount), !isOne(amount));
  return measure.kind === 'duration' ? `${words} (${toIsoDuration(amount, measure.unit)})` : words;
}

function magnitude(measure: Measure, amount: string): string {
  return measure.kind === 'date' ? describePartialDate(amount, measure.precision) : formatDecimal(amount);
}

function withMeasure(measure: Measure, magnitude: string, plural: boolean): string {
  switch (measure.kind) {
    case 'money':
      return `${measure.currency} ${magnitude}`;
    case 'percentage':
      return `${magnitude} %`;
    case 'quantity':
      return `${magnitude} ${measure.unit}${measure.per !== undefined ? ` per ${measure.per}` : ''}`;
    case 'unit_price':
      return `${measure.currency} ${magnitude} per ${measure.unit}`;
    case 'count':
      return measure.of !== undefined ? `${magnitude} ${measure.of}` : magnitude;
    case 'duration':
      return `${magnitude} ${measure.unit}${plural ? 's' : ''}`;
    case 'date':
    case 'text':
      return magnitude;
  }
}

function isOne(amount: string): boolean {
  return isDecimalString(amount) && /^1(\.0+)?$/.test(amount);
}

function describeConversion(conversion: Conversion, per: string): string {
  const { base, quote, value } = conversion.rate;
  const by = conversion.convertedBy !== undefined ? `, converted by ${conversion.convertedBy}` : '';
  return `${conversion.currency} ${formatDecimal(conversion.amount)}${per} at ${base} 1 = ${quote} ${formatDecimal(value)}${by}`;
}

/** Thousands separators on the whole part only; the fraction stays as given. */
export function formatDecimal(value: string): string {
  if (!isDecimalString(value)) return value;
  const negative = value.startsWith('-');
  const [whole = '', fraction] = (negative ? value.slice(1) : value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}
