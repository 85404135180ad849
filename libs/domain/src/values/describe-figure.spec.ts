import { describeFigureValue, formatDecimal } from './describe-figure.js';
import type { FigureValue } from './figure.js';

const eur = { kind: 'money', currency: 'EUR' } as const;

describe('a figure in words', () => {
  it.each<[FigureValue, string]>([
    [{ measure: eur, qualifier: 'up_to', amount: '110000000' }, 'up to EUR 110,000,000'],
    [{ measure: eur, qualifier: 'exact', amount: '95000000' }, 'EUR 95,000,000'],
    [{ measure: { kind: 'percentage' }, qualifier: 'about', amount: '50' }, 'about 50 %'],
    [{ measure: { kind: 'quantity', unit: 't', per: 'year' }, qualifier: 'more_than', amount: '1000' }, 'more than 1,000 t per year'],
    [{ measure: { kind: 'quantity', unit: 't' }, qualifier: 'at_least', amount: '500' }, 'at least 500 t'],
    [{ measure: eur, qualifier: 'range', min: '90000000', max: '110000000' }, 'EUR 90,000,000–110,000,000'],
    [{ measure: { kind: 'percentage' }, qualifier: 'range', min: '20', max: '30' }, '20–30 %'],
    [{ measure: { kind: 'percentage' }, qualifier: 'undisclosed', note: 'declined to comment' }, 'undisclosed (declined to comment)'],
    [{ measure: eur, qualifier: 'withheld' }, 'withheld'],
    [{ measure: { kind: 'text' }, qualifier: 'about', text: 'five years' }, 'about five years'],
    [{ measure: { kind: 'text' }, qualifier: 'exact', text: 'by 2026' }, 'by 2026'],
    [{ measure: eur, qualifier: 'exact', amount: '1234.50' }, 'EUR 1,234.50'],
    [{ measure: { kind: 'percentage' }, qualifier: 'about', amount: '50', note: 'half' }, 'about 50 % (half)'],
    // the real-deals model's measures and qualifiers
    [{ measure: { kind: 'unit_price', currency: 'EUR', unit: 'kg' }, qualifier: 'exact', amount: '60' }, 'EUR 60 per kg'],
    [{ measure: { kind: 'unit_price', currency: 'USD', unit: 'troy oz' }, qualifier: 'at_least', amount: '1800.50' }, 'at least USD 1,800.50 per troy oz'],
    [{ measure: eur, qualifier: 'range', min: '80000000', max: '100000000', maxQualifier: 'up_to' }, 'between EUR 80,000,000 and up to EUR 100,000,000'],
    [{ measure: eur, qualifier: 'range', min: '80000000', max: '100000000', minQualifier: 'more_than', maxQualifier: 'at_most' }, 'between more than EUR 80,000,000 and at most EUR 100,000,000'],
    [{ measure: { kind: 'percentage' }, qualifier: 'at_most', amount: '5' }, 'at most 5 %'],
    [{ measure: { kind: 'count', of: 'warrants' }, qualifier: 'exact', amount: '12000000' }, '12,000,000 warrants'],
    [{ measure: { kind: 'count' }, qualifier: 'about', amount: '300' }, 'about 300'],
    [{ measure: { kind: 'duration', unit: 'year' }, qualifier: 'exact', amount: '7' }, '7 years (P7Y)'],
    [{ measure: { kind: 'duration', unit: 'month' }, qualifier: 'up_to', amount: '1' }, 'up to 1 month (P1M)'],
    [{ measure: { kind: 'duration', unit: 'year' }, qualifier: 'range', min: '5', max: '7' }, '5–7 years'],
    [{ measure: { kind: 'date', precision: 'quarter' }, qualifier: 'exact', amount: '2027-Q3' }, 'Q3 2027'],
    [{ measure: { kind: 'date', precision: 'month' }, qualifier: 'range', min: '2027-09', max: '2028-03' }, 'September 2027–March 2028'],
    [{ measure: { kind: 'date', precision: 'day' }, qualifier: 'at_most', amount: '2027-09-15' }, 'at most 2027-09-15'],
    [{ measure: eur, qualifier: 'about', amount: '500000000', estimate: { by: 'Adamas' } }, 'estimate by Adamas: about EUR 500,000,000'],
    [{ measure: eur, qualifier: 'about', amount: '5', estimate: { by: 'Adamas', basis: 'spot prices' }, note: 'unconfirmed' }, 'estimate by Adamas (spot prices): about EUR 5 (unconfirmed)'],
    // a unit stored before the unit table is shown as stored
    [{ measure: { kind: 'quantity', unit: 'tonnes of ore', per: 'annum' }, qualifier: 'exact', amount: '5' }, '5 tonnes of ore per annum'],
  ])('%j reads %j', (value, words) => {
    expect(describeFigureValue(value)).toBe(words);
  });

  it('shows a unit price\'s conversion per the same unit', () => {
    expect(
      describeFigureValue({
        measure: { kind: 'unit_price', currency: 'EUR', unit: 'kg' },
        qualifier: 'at_least',
        amount: '60',
        conversions: [{ currency: 'USD', amount: '65', rate: { base: 'EUR', quote: 'USD', value: '1.0833' } }],
      }),
    ).toBe('at least EUR 60 per kg (USD 65 per kg at EUR 1 = USD 1.0833)');
  });

  it('shows a conversion with the rate the source gave', () => {
    expect(
      describeFigureValue({
        measure: eur,
        qualifier: 'up_to',
        amount: '110000000',
        conversions: [{ currency: 'USD', amount: '120000000', rate: { base: 'USD', quote: 'EUR', value: '0.9188' }, convertedBy: 'publisher' }],
      }),
    ).toBe('up to EUR 110,000,000 (USD 120,000,000 at USD 1 = EUR 0.9188, converted by publisher)');
  });

  it.each([
    ['0', '0'],
    ['999', '999'],
    ['1000', '1,000'],
    ['-1234567.0089', '-1,234,567.0089'],
    ['0.9188', '0.9188'],
    ['100000.000', '100,000.000'],
  ])('formats %j as %j', (value, formatted) => {
    expect(formatDecimal(value)).toBe(formatted);
  });
});
