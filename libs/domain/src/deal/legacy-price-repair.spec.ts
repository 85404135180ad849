import { describeFigureValue } from '../values/describe-figure.js';
import type { FigureValue } from '../values/figure.js';
import type { DealEvent } from './deal-events.js';
import { foldDeal } from './evolve.js';
import { REGISTERED, dysprosiumCapacity, reuters } from './testing/caremag.js';
import { commandOn, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

/**
 * Design 15 §2.2, "Legacy repair": a price stored as a quantity of a currency ("USD 110 per
 * kg" as 110 "USD" per "kg") may be corrected into the unit price it always was; nothing else
 * changes its kind of measure, and a revision never does.
 */
const legacyPrice = (unit: string, per?: string): FigureValue => ({
  measure: { kind: 'quantity', unit, ...(per !== undefined ? { per } : {}) },
  qualifier: 'about',
  amount: '110',
});
const pricedMetric = (value: FigureValue): DealEvent => ({
  type: 'MetricReported.v2',
  data: { label: 'dysprosium oxide price', subject: 'caremag', metric: { figureId: 'price-dy', value, source: reuters(), reportedAt: '2025-03-17' } },
});
const LEGACY = pricedMetric(legacyPrice('USD', 'kg'));
const unitPrice = (currency: string, unit: string): FigureValue => ({ measure: { kind: 'unit_price', currency, unit }, qualifier: 'about', amount: '110' });
const restatement = {
  figureId: 'price-dy',
  value: unitPrice('USD', 'kg'),
  source: reuters(),
  reportedAt: '2025-03-17',
  reason: 'a price per kg, keyed as a quantity before unit prices existed',
};
const correct = commandOn('CorrectFigure', restatement);
const revise = commandOn('ReviseFigure', restatement);

describe('given a price stored as a quantity of USD per kg', () => {
  it('when it is corrected into a unit price of USD per kg, then the correction is recorded and the figure reads as a price', () => {
    const events = given(REGISTERED, LEGACY).when(correct()).thenEvents();
    expect(events).toEqual([{ type: 'FigureCorrected.v2', data: { ...restatement, effectiveAt: undefined } }]);

    const state = foldDeal([REGISTERED, LEGACY, ...events]);
    const figure = state.registered ? state.figures.get('price-dy') : undefined;
    expect(figure).toMatchObject({ measureKind: 'unit_price', status: 'corrected', fact: 'metric' });
    expect(figure && describeFigureValue(figure.value)).toBe('about USD 110 per kg');
  });

  it('when the repair also puts the amount right, then that is recorded too', () => {
    expect(given(REGISTERED, LEGACY).when(correct({ value: { ...unitPrice('USD', 'kg'), amount: '115' } })).thenEvents()).toHaveLength(1);
  });

  it('when it is revised into a unit price, then it is refused: a revision says the world changed, not that the record was wrong', () => {
    expect(given(REGISTERED, LEGACY).when(revise()).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      kind: 'invalid',
      field: 'value.measure.kind',
    });
  });

  itRefuses([REGISTERED, LEGACY], correct, [
    // The repair keeps the price; a currency put right is a correction of its own, after it.
    ['when the unit price is in another currency, then it is refused', { value: unitPrice('EUR', 'kg') }, { code: 'FIGURE.MEASURE_MISMATCH', field: 'value.measure.currency' }],
    ['when the unit price is per another unit, then it is refused', { value: unitPrice('USD', 't') }, { code: 'FIGURE.MEASURE_MISMATCH', field: 'value.measure.unit' }],
    [
      'when it is corrected into money, then it is refused as any change of kind is',
      { value: { measure: { kind: 'money', currency: 'USD' }, qualifier: 'about', amount: '110' } },
      { code: 'FIGURE.MEASURE_MISMATCH', field: 'value.measure.kind' },
    ],
  ]);

  it('when the repaired price is corrected back into a quantity, then it is refused: the repair goes one way', () => {
    const repaired = given(REGISTERED, LEGACY).when(correct()).thenEvents();
    const back = { value: { measure: { kind: 'quantity', unit: 'kg' }, qualifier: 'about', amount: '110' } };
    expect(given(REGISTERED, LEGACY, ...repaired).when(correct(back)).thenError()).toMatchObject({ code: 'FIGURE.MEASURE_MISMATCH' });
  });
});

describe('given a price stored per a spelling of a unit of the table', () => {
  it('when it is corrected into a unit price per that unit, then the correction is recorded', () => {
    expect(given(REGISTERED, pricedMetric(legacyPrice('USD', 'tonne'))).when(correct({ value: unitPrice('USD', 't') })).thenEvents()).toHaveLength(1);
  });

  it('when the spelling is a symbol of the table, then only that unit is it: "Mt" is never "t"', () => {
    expect(given(REGISTERED, pricedMetric(legacyPrice('USD', 'Mt'))).when(correct({ value: unitPrice('USD', 't') })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'value.measure.unit',
      message: expect.stringContaining('is per Mt'),
    });
  });
});

describe('given a price that cannot be repaired', () => {
  it.each([
    ['per a unit outside the table', legacyPrice('USD', 'lot'), 'names no unit of the unit table'],
    ['per no unit at all', legacyPrice('USD'), 'per no unit'],
  ])('when one stored %s is corrected into a unit price, then it is refused with why', (_case, stored, why) => {
    expect(given(REGISTERED, pricedMetric(stored)).when(correct({ value: unitPrice('USD', 'kg') })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'value.measure.unit',
      message: expect.stringContaining(why),
    });
  });

  it('when a quantity in a unit that is no currency is corrected into a unit price, then it is refused as today', () => {
    expect(given(REGISTERED, pricedMetric(legacyPrice('t', 'year'))).when(correct()).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'value.measure.kind',
      message: 'Figure price-dy is measured as quantity, not unit_price',
    });
  });

  it('when the figure is a capacity, then it is refused: a capacity is never a price', () => {
    const capacityInUsd: DealEvent = {
      type: 'CapacityReported.v2',
      data: { ...dysprosiumCapacity, capacity: { ...dysprosiumCapacity.capacity, figureId: 'price-dy', value: legacyPrice('USD', 'kg') } },
    };
    expect(given(REGISTERED, capacityInUsd).when(correct()).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'value.measure.kind',
      message: expect.stringContaining('retract it'),
    });
  });
});
