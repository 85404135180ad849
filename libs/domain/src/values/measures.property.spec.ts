import fc from 'fast-check';
import { valueOf } from '../deal/testing/arbitrary-commands.js';
import { caught } from '../deal/testing/caught.js';
import { canonicalFigureValue } from './canonical-figure.js';
import { describeFigureValue } from './describe-figure.js';
import { MEASURE_KINDS, type FigureValue, type MeasureKind } from './figure.js';
import { figureValuesEqual } from './figure-equality.js';
import { assertValidFigureValue } from './figure-rules.js';

/**
 * Properties of every measure, old and new, over the values the arbitraries generate (the
 * same ones the decider properties use): accepted by the rules, one canonical form that
 * equality agrees with, bounds in order, and words that always name the measure.
 */

const F = 'value';
const runs = { numRuns: 150 };

/** The same meaning spelled otherwise: trailing zeros on every decimal amount. */
function respelled(value: FigureValue): FigureValue {
  if (value.measure.kind === 'date') return value;
  const pad = (amount: string | undefined) => (amount === undefined ? undefined : amount.includes('.') ? `${amount}0` : `${amount}.0`);
  const copy: FigureValue = { ...value };
  for (const part of ['amount', 'min', 'max'] as const) {
    if (value[part] !== undefined) copy[part] = pad(value[part]);
  }
  return copy;
}

/** The words a display must contain to say what was measured. */
function namesOf(value: FigureValue): string[] {
  const { measure } = value;
  switch (measure.kind) {
    case 'money':
      return [measure.currency];
    case 'unit_price':
      return [measure.currency, `per ${measure.unit}`];
    case 'quantity':
      return [measure.unit];
    case 'percentage':
      return ['%'];
    case 'duration':
      return [measure.unit];
    case 'count':
      return measure.of !== undefined ? [measure.of] : [];
    case 'date':
    case 'text':
      return [];
  }
}

describe.each(MEASURE_KINDS.map((kind) => [kind] as [MeasureKind]))('every %s value', (kind) => {
  const values = valueOf[kind];

  it('is accepted by the rules it was generated to obey', () => {
    fc.assert(fc.property(values, (value) => { assertValidFigureValue(value, F); }), runs);
  });

  it('has one canonical form: idempotent, still valid, and equal by meaning to the value', () => {
    fc.assert(
      fc.property(values, (value) => {
        const canonical = canonicalFigureValue(value);
        expect(canonicalFigureValue(canonical)).toEqual(canonical);
        expect(JSON.stringify(canonicalFigureValue(JSON.parse(JSON.stringify(canonical)) as FigureValue))).toBe(JSON.stringify(canonical));
        assertValidFigureValue(canonical, F);
        expect(figureValuesEqual(value, canonical)).toBe(true);
      }),
      runs,
    );
  });

  it('is equal by meaning exactly when the canonical forms are equal', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(figureValuesEqual(a, respelled(a))).toBe(true);
        expect(canonicalFigureValue(respelled(a))).toEqual(canonicalFigureValue(a));
        expect(figureValuesEqual(a, b)).toBe(JSON.stringify(canonicalFigureValue(a)) === JSON.stringify(canonicalFigureValue(b)));
      }),
      runs,
    );
  });

  // Words have no magnitude, hence no range.
  (kind === 'text' ? it.skip : it)('keeps range bounds in order: swapping two different bounds is refused', () => {
    fc.assert(
      fc.property(values, (value) => {
        fc.pre(value.qualifier === 'range' && !figureValuesEqual({ ...value, min: value.max, max: value.min }, value));
        expect(caught(() => assertValidFigureValue({ ...value, min: value.max, max: value.min }, F))).toMatchObject({
          code: 'FIGURE.RANGE_MIN_GREATER_THAN_MAX',
          field: `${F}.min`,
        });
      }),
      { ...runs, numRuns: 60 },
    );
  });

  it('reads in words that never throw and name its currency or unit', () => {
    fc.assert(
      fc.property(values, (value) => {
        const words = describeFigureValue(value);
        expect(words.length).toBeGreaterThan(0);
        if (value.qualifier !== 'undisclosed' && value.qualifier !== 'withheld') {
          for (const name of namesOf(value)) expect(words).toContain(name);
        }
        if (value.estimate !== undefined) expect(words.startsWith(`estimate by ${value.estimate.by}`)).toBe(true);
      }),
      runs,
    );
  });
});
