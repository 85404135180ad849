import { caught } from '../deal/testing/caught.js';
import type { FigureReport, FigureValue } from './figure.js';
import { assertValidFigureReport, assertValidFigureValue } from './figure-rules.js';

/**
 * The real-deals model's measures and qualifiers (issue 15 §2.2), as rules: given a value
 * a source reported, when a new write records it, then it is accepted, or refused with a
 * stable code naming the offending field.
 */

const F = 'price.value';
const refusal = (value: unknown) => caught(() => assertValidFigureValue(value, F));

const EUR_PER_KG = { kind: 'unit_price', currency: 'EUR', unit: 'kg' } as const;
const WARRANTS = { kind: 'count', of: 'warrants' } as const;
const YEARS = { kind: 'duration', unit: 'year' } as const;
const QUARTER = { kind: 'date', precision: 'quarter' } as const;
const DAY = { kind: 'date', precision: 'day' } as const;
const EUR = { kind: 'money', currency: 'EUR' } as const;

describe('the measures of real deals', () => {
  describe('when a new write reports a value the model holds, then it is accepted', () => {
    it.each<[string, FigureValue]>([
      ['a price floor of EUR 60 per kg', { measure: EUR_PER_KG, qualifier: 'at_least', amount: '60' }],
      ['a unit price in troy ounces with its USD conversion', {
        measure: { kind: 'unit_price', currency: 'EUR', unit: 'troy oz' },
        qualifier: 'exact',
        amount: '1800',
        conversions: [{ currency: 'USD', amount: '1950', rate: { base: 'EUR', quote: 'USD', value: '1.0833' } }],
      }],
      ['12,000,000 warrants', { measure: WARRANTS, qualifier: 'exact', amount: '12000000' }],
      ['a count of nothing named', { measure: { kind: 'count' }, qualifier: 'about', amount: '0' }],
      ['a term of 7 years', { measure: YEARS, qualifier: 'exact', amount: '7' }],
      ['a term of 1.5 years', { measure: YEARS, qualifier: 'about', amount: '1.5' }],
      ['a start in Q3 2027', { measure: QUARTER, qualifier: 'exact', amount: '2027-Q3' }],
      ['a leap day', { measure: DAY, qualifier: 'exact', amount: '2028-02-29' }],
      ['a start between Q3 2027 and Q1 2028', { measure: QUARTER, qualifier: 'range', min: '2027-Q3', max: '2028-Q1' }],
      ['at most 5 %', { measure: { kind: 'percentage' }, qualifier: 'at_most', amount: '5' }],
      ['between more than EUR 80M and up to EUR 100M', { measure: EUR, qualifier: 'range', min: '80000000', max: '100000000', minQualifier: 'more_than', maxQualifier: 'up_to' }],
      ['an estimate by an analyst', { measure: EUR, qualifier: 'about', amount: '500000000', estimate: { by: 'Adamas Intelligence', basis: 'offtake volume at spot prices' } }],
      ['1,000 t per year from the unit table', { measure: { kind: 'quantity', unit: 't', per: 'year' }, qualifier: 'more_than', amount: '1000' }],
      ['a price in a withheld currency amount', { measure: EUR_PER_KG, qualifier: 'withheld' }],
    ])('%s', (_name, value) => {
      expect(() => assertValidFigureValue(value, F)).not.toThrow();
    });
  });

  describe('when a new write breaks a rule, then it is refused with a stable code naming the field', () => {
    it.each<[string, unknown, string, string]>([
      // units come from the one table
      ['a quantity in "tonnes" (the table spells it t)', { measure: { kind: 'quantity', unit: 'tonnes' }, qualifier: 'exact', amount: '1' }, 'FIGURE.UNKNOWN_UNIT', `${F}.measure.unit`],
      ['a quantity in a currency', { measure: { kind: 'quantity', unit: 'USD', per: 'kg' }, qualifier: 'exact', amount: '110' }, 'FIGURE.UNKNOWN_UNIT', `${F}.measure.unit`],
      ['a rate per fortnight', { measure: { kind: 'quantity', unit: 't', per: 'fortnight' }, qualifier: 'exact', amount: '1' }, 'FIGURE.UNKNOWN_RATE_PERIOD', `${F}.measure.per`],
      ['a unit price per "kilo"', { measure: { ...EUR_PER_KG, unit: 'kilo' }, qualifier: 'exact', amount: '60' }, 'FIGURE.UNKNOWN_UNIT', `${F}.measure.unit`],
      ['a unit price without a unit', { measure: { kind: 'unit_price', currency: 'EUR' }, qualifier: 'exact', amount: '60' }, 'VALUE.REQUIRED', `${F}.measure.unit`],
      // unit prices are money: ISO currencies, conversions like money
      ['a unit price in "EURO"', { measure: { ...EUR_PER_KG, currency: 'EURO' }, qualifier: 'exact', amount: '60' }, 'MONEY.INVALID_CURRENCY', `${F}.measure.currency`],
      ['a unit price converted to its own currency', { measure: EUR_PER_KG, qualifier: 'exact', amount: '60', conversions: [{ currency: 'EUR', amount: '60', rate: { base: 'EUR', quote: 'USD', value: '1.1' } }] }, 'MONEY.CONVERSION_TO_SAME_CURRENCY', `${F}.conversions[0].currency`],
      ['a negative unit price', { measure: EUR_PER_KG, qualifier: 'exact', amount: '-1' }, 'FIGURE.NEGATIVE_AMOUNT', `${F}.amount`],
      ['a conversion on a count', { measure: WARRANTS, qualifier: 'exact', amount: '1', conversions: [] }, 'MONEY.CONVERSION_ON_NON_MONEY', `${F}.conversions`],
      // counts are whole
      ['half a warrant', { measure: WARRANTS, qualifier: 'exact', amount: '0.5' }, 'FIGURE.COUNT_NOT_WHOLE', `${F}.amount`],
      ['a negative count', { measure: WARRANTS, qualifier: 'exact', amount: '-3' }, 'FIGURE.NEGATIVE_AMOUNT', `${F}.amount`],
      ['a count range with a fractional bound', { measure: WARRANTS, qualifier: 'range', min: '1', max: '2.5' }, 'FIGURE.COUNT_NOT_WHOLE', `${F}.max`],
      // durations are positive, in a known unit
      ['a term of 0 years', { measure: YEARS, qualifier: 'exact', amount: '0' }, 'FIGURE.DURATION_NOT_POSITIVE', `${F}.amount`],
      ['a term in fortnights', { measure: { kind: 'duration', unit: 'fortnight' }, qualifier: 'exact', amount: '1' }, 'FIGURE.INVALID_MEASURE', `${F}.measure.unit`],
      ['a term spelled P7Y past the API', { measure: YEARS, qualifier: 'exact', amount: 'P7Y' }, 'FIGURE.INVALID_DURATION', `${F}.amount`],
      // dates follow the grammar of their precision, are real, and in order
      ['a date without precision', { measure: { kind: 'date' }, qualifier: 'exact', amount: '2027' }, 'FIGURE.INVALID_MEASURE', `${F}.measure.precision`],
      ['a quarter spelled as a month', { measure: QUARTER, qualifier: 'exact', amount: '2027-09' }, 'FIGURE.INVALID_DATE', `${F}.amount`],
      ['a fifth quarter', { measure: QUARTER, qualifier: 'exact', amount: '2027-Q5' }, 'FIGURE.INVALID_DATE', `${F}.amount`],
      ['the 30th of February', { measure: DAY, qualifier: 'exact', amount: '2027-02-30' }, 'FIGURE.INVALID_DATE', `${F}.amount`],
      ['a 29th of February in a common year', { measure: DAY, qualifier: 'exact', amount: '2027-02-29' }, 'FIGURE.INVALID_DATE', `${F}.amount`],
      ['month 13', { measure: { kind: 'date', precision: 'month' }, qualifier: 'exact', amount: '2027-13' }, 'FIGURE.INVALID_DATE', `${F}.amount`],
      ['a timestamp as a day', { measure: DAY, qualifier: 'exact', amount: '2027-09-15T00:00:00Z' }, 'FIGURE.INVALID_DATE', `${F}.amount`],
      ['a date range ending before it starts', { measure: QUARTER, qualifier: 'range', min: '2028-Q1', max: '2027-Q3' }, 'FIGURE.RANGE_MIN_GREATER_THAN_MAX', `${F}.min`],
      // range bound qualifiers belong to ranges
      ['a bound qualifier on a point value', { measure: EUR, qualifier: 'about', amount: '1', maxQualifier: 'up_to' }, 'FIGURE.BOUND_QUALIFIER_WITHOUT_RANGE', `${F}.maxQualifier`],
      ['"up to" as a lower bound', { measure: EUR, qualifier: 'range', min: '1', max: '2', minQualifier: 'up_to' }, 'FIGURE.QUALIFIER_NOT_ALLOWED', `${F}.minQualifier`],
      ['"more than" as an upper bound', { measure: EUR, qualifier: 'range', min: '1', max: '2', maxQualifier: 'more_than' }, 'FIGURE.QUALIFIER_NOT_ALLOWED', `${F}.maxQualifier`],
      ['at most in words', { measure: { kind: 'text' }, qualifier: 'at_most', text: 'five years' }, 'FIGURE.QUALIFIER_NOT_ALLOWED', `${F}.qualifier`],
      // estimates say who, and give a value
      ['an estimate by nobody', { measure: EUR, qualifier: 'about', amount: '1', estimate: { by: ' ' } }, 'VALUE.REQUIRED', `${F}.estimate.by`],
      ['an estimate that is not an object', { measure: EUR, qualifier: 'about', amount: '1', estimate: 'analysts' }, 'VALUE.REQUIRED', `${F}.estimate`],
      ['an estimate of an undisclosed value', { measure: EUR, qualifier: 'undisclosed', estimate: { by: 'analysts' } }, 'FIGURE.ESTIMATE_OF_UNDISCLOSED', `${F}.estimate`],
    ])('%s', (_name, value, code, field) => {
      expect(refusal(value)).toMatchObject({ code, field, kind: 'invalid' });
    });

    it('names a few units of the table, and the symbol for a word it knows', () => {
      const error = refusal({ measure: { kind: 'quantity', unit: 'tonnes' }, qualifier: 'exact', amount: '1' });
      expect(error.message).toContain('such as t, kg');
      expect(error.message).toContain('write "tonnes" as "t"');
    });
  });

  describe('given a figure report with a stage', () => {
    const report = (stage: unknown): FigureReport =>
      ({
        figureId: 'loan-principal',
        value: { measure: EUR, qualifier: 'exact', amount: '100' },
        source: { publisher: 'Reuters', tier: 'primary' },
        reportedAt: '2026-01-01',
        stage,
      }) as FigureReport;

    it('when the stage is one of the stages, then it is accepted', () => {
      expect(() => assertValidFigureReport(report('committed'), 'loan')).not.toThrow();
      expect(() => assertValidFigureReport(report('under_construction'), 'loan')).not.toThrow();
    });

    it('when it is not, then FIGURE.INVALID_STAGE names it', () => {
      expect(caught(() => assertValidFigureReport(report('rumoured'), 'loan'))).toMatchObject({ code: 'FIGURE.INVALID_STAGE', field: 'loan.stage' });
    });
  });
});
