import type { FigureValue, Source } from '../values/figure.js';
import { changeKindOf, changedFields, type FigureEntry } from './figure-change.js';

const eur = (qualifier: FigureValue['qualifier'], amount?: string): FigureValue => ({
  measure: { kind: 'money', currency: 'EUR' },
  qualifier,
  ...(amount ? { amount } : {}),
});
const reuters: Source = { publisher: 'Reuters', tier: 'primary' };
const entry = (value: FigureValue, source = reuters, reportedAt = '2025-03-17'): FigureEntry => ({ value, source, reportedAt });

describe('what kind of change an entry is', () => {
  it('calls a revision that gives a value to an undisclosed figure a disclosure', () => {
    const undisclosed: FigureValue = { measure: { kind: 'percentage' }, qualifier: 'undisclosed' };
    const disclosed: FigureValue = { measure: { kind: 'percentage' }, qualifier: 'exact', amount: '30' };
    expect(changeKindOf('FigureRevised.v2', undisclosed, disclosed)).toBe('disclosure');
    expect(changeKindOf('FigureRevised.v2', disclosed, undisclosed)).toBe('revision');
  });

  it('keeps corrections, retractions and first reports apart from revisions', () => {
    expect(changeKindOf('FigureCorrected.v2', eur('exact', '1'), eur('exact', '2'))).toBe('correction');
    expect(changeKindOf('ReportRetracted.v1', eur('exact', '1'), eur('exact', '1'))).toBe('retraction');
    expect(changeKindOf('InvestmentAnnounced.v2', undefined, eur('up_to', '1'))).toBe('initial');
  });
});

describe('which fields changed from the previous entry', () => {
  it('sees "up to" dropped and the amount changed, by meaning not spelling', () => {
    expect(changedFields(entry(eur('up_to', '110000000')), entry(eur('exact', '110000000.00')))).toEqual(['qualifier']);
    expect(changedFields(entry(eur('up_to', '110000000')), entry(eur('exact', '95000000')))).toEqual(['qualifier', 'amount']);
  });

  it('sees a change of currency, of source and of report date', () => {
    const usd: FigureValue = { measure: { kind: 'money', currency: 'USD' }, qualifier: 'exact', amount: '1' };
    expect(changedFields(entry(eur('exact', '1')), entry(usd))).toEqual(['currency']);
    expect(changedFields(entry(eur('exact', '1')), entry(eur('exact', '1'), { publisher: 'Nikkei', tier: 'secondary' }))).toEqual([
      'source',
    ]);
    expect(changedFields(entry(eur('exact', '1')), entry(eur('exact', '1'), reuters, '2025-09-15'))).toEqual(['reportedAt']);
  });

  it('finds nothing changed between equal entries', () => {
    expect(changedFields(entry(eur('about', '100')), entry(eur('about', '100.0')))).toEqual([]);
  });
});

describe('the real-deals model\'s measures in the audit trail', () => {
  it('calls a reported value that follows an estimate a disclosure, never the other way round', () => {
    const estimated: FigureValue = { ...eur('about', '500000000'), estimate: { by: 'Adamas' } };
    expect(changeKindOf('FigureRevised.v2', estimated, eur('exact', '480000000'))).toBe('disclosure');
    expect(changeKindOf('FigureRevised.v2', eur('exact', '480000000'), estimated)).toBe('revision');
    expect(changeKindOf('FigureRevised.v2', estimated, { ...estimated, amount: '520000000' })).toBe('revision');
  });

  it('compares dates by spelling and sees a term moved from years to months', () => {
    const quarter = (amount: string): FigureValue => ({ measure: { kind: 'date', precision: 'quarter' }, qualifier: 'exact', amount });
    expect(changedFields(entry(quarter('2027-Q3')), entry(quarter('2027-Q4')))).toEqual(['amount']);
    const years: FigureValue = { measure: { kind: 'duration', unit: 'year' }, qualifier: 'exact', amount: '7' };
    const months: FigureValue = { measure: { kind: 'duration', unit: 'month' }, qualifier: 'exact', amount: '84' };
    expect(changedFields(entry(years), entry(months))).toEqual(['measure', 'amount']);
  });

  it('sees a unit price change currency and unit', () => {
    const price = (currency: string, unit: string): FigureValue => ({ measure: { kind: 'unit_price', currency, unit }, qualifier: 'exact', amount: '60' });
    expect(changedFields(entry(price('EUR', 'kg')), entry(price('USD', 'lb')))).toEqual(['currency', 'unit']);
  });
});
