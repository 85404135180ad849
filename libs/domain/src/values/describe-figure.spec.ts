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
  ])('%j reads %j', (value, words) => {
    expect(describeFigureValue(value)).toBe(words);
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
