import { isDecimalString } from './decimal.js';
import type { Conversion, FigureValue, Measure, Qualifier } from './figure.js';

/**
 * A figure in words, as an auditor reads it: "up to EUR 110,000,000", "about 50 %",
 * "undisclosed (declined to comment)". Decimals keep the places the source gave
 * ('0.9188', '110,000,000.50'): the words must not look more or less exact than the report.
 */
export function describeFigureValue(value: FigureValue): string {
  const asides = [...(value.conversions ?? []).map(describeConversion), ...(value.note !== undefined ? [value.note] : [])];
  const main = describeMain(value);
  return asides.length > 0 ? `${main} (${asides.join('; ')})` : main;
}

const QUALIFIER_WORDS: Record<Exclude<Qualifier, 'range' | 'undisclosed' | 'withheld'>, string> = {
  exact: '',
  up_to: 'up to ',
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
      return withMeasure(value.measure, `${formatDecimal(value.min ?? '?')}–${formatDecimal(value.max ?? '?')}`);
    default: {
      const words = QUALIFIER_WORDS[value.qualifier];
      if (value.measure.kind === 'text') return `${words}${value.text ?? ''}`;
      return `${words}${withMeasure(value.measure, formatDecimal(value.amount ?? '?'))}`;
    }
  }
}

function withMeasure(measure: Measure, magnitude: string): string {
  switch (measure.kind) {
    case 'money':
      return `${measure.currency} ${magnitude}`;
    case 'percentage':
      return `${magnitude} %`;
    case 'quantity':
      return `${magnitude} ${measure.unit}${measure.per !== undefined ? ` per ${measure.per}` : ''}`;
    case 'text':
      return magnitude;
  }
}

function describeConversion(conversion: Conversion): string {
  const { base, quote, value } = conversion.rate;
  const by = conversion.convertedBy !== undefined ? `, converted by ${conversion.convertedBy}` : '';
  return `${conversion.currency} ${formatDecimal(conversion.amount)} at ${base} 1 = ${quote} ${formatDecimal(value)}${by}`;
}

/** Thousands separators on the whole part only; the fraction stays as given. */
export function formatDecimal(value: string): string {
  if (!isDecimalString(value)) return value;
  const negative = value.startsWith('-');
  const [whole = '', fraction] = (negative ? value.slice(1) : value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}
