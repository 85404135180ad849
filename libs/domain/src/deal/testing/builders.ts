import type { FigureReport, FigureValue, Measure, Qualifier, Source } from '../../values/figure.js';

/** Test-only builders: import them from specs, never from production code. */

export const REPORTED_AT = '2025-03-17';

export const reuters: Source = { publisher: 'Reuters', publishedAt: REPORTED_AT, tier: 'primary' };

export const EUR: Measure = { kind: 'money', currency: 'EUR' };
export const USD: Measure = { kind: 'money', currency: 'USD' };
export const PERCENT: Measure = { kind: 'percentage' };
export const TONNES: Measure = { kind: 'quantity', unit: 't' };
export const TONNES_PER_YEAR: Measure = { kind: 'quantity', unit: 't', per: 'year' };
export const WORDS: Measure = { kind: 'text' };

export function point(measure: Measure, amount: string, qualifier: Qualifier = 'exact'): FigureValue {
  return { measure, qualifier, amount };
}

export const money = (currency: string, amount: string, qualifier: Qualifier = 'exact'): FigureValue =>
  point({ kind: 'money', currency }, amount, qualifier);

export const percent = (amount: string, qualifier: Qualifier = 'exact'): FigureValue => point(PERCENT, amount, qualifier);

export const tonnes = (amount: string, qualifier: Qualifier = 'exact'): FigureValue => point(TONNES, amount, qualifier);

export const words = (text: string, qualifier: Qualifier = 'exact'): FigureValue => ({ measure: WORDS, qualifier, text });

export const range = (measure: Measure, min: string, max: string): FigureValue => ({ measure, qualifier: 'range', min, max });

export const undisclosed = (measure: Measure, note?: string): FigureValue => ({
  measure,
  qualifier: 'undisclosed',
  ...(note !== undefined ? { note } : {}),
});

export function report(figureId: string, value: FigureValue, overrides: Partial<FigureReport> = {}): FigureReport {
  return { figureId, value, source: reuters, reportedAt: REPORTED_AT, ...overrides };
}

/** Loosens a typed value so that a spec can feed the rules what an HTTP body might hold. */
export function loose<T>(value: T, patch: Record<string, unknown>): T {
  return { ...value, ...patch } as T;
}
