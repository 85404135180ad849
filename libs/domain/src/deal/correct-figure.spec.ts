import type { DealEvent, FigureCorrectedV2 } from './deal-events.js';
import { foldDeal } from './evolve.js';
import { money } from './testing/builders.js';
import { LATER, REGISTERED, dysprosiumCapacity, reuters } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses, type Patch } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const REPORTED: DealEvent = { type: 'CapacityReported.v2', data: dysprosiumCapacity };
const original = dysprosiumCapacity.capacity;

const correct = commandOn('CorrectFigure', LATER.dysprosiumCorrected);

describe('CorrectFigure', () => {
  it('records that our record was wrong: dysprosium capacity 500 t → 50 t', () => {
    const events = given(REGISTERED, REPORTED).when(correct()).thenEvents();
    expect(events).toEqual([{ type: 'FigureCorrected.v2', data: LATER.dysprosiumCorrected }]);

    const state = foldDeal([REGISTERED, REPORTED, ...events]);
    expect(state.registered && state.figures.get('capacity-dysprosium')).toMatchObject({
      status: 'corrected',
      value: { amount: '50' },
      reportedAt: '2025-03-17',
    });
  });

  it.each([
    ['missing', undefined],
    ['blank', '  '],
  ])('needs a reason (%s)', (_name, reason) => {
    expect(given(REGISTERED, REPORTED).when(correct({ reason })).thenError()).toMatchObject({
      code: 'VALUE.REQUIRED',
      kind: 'invalid',
      field: 'reason',
    });
  });

  const unchanged = { value: { ...original.value, amount: '500.0' }, source: reuters('a JOGMEC official'), reportedAt: '2025-03-17T00:00Z' };
  itRefuses([REGISTERED, REPORTED], correct, [
    ['refuses a correction that changes nothing, comparing values and times by meaning', unchanged, { code: 'FIGURE.CORRECTION_CHANGES_NOTHING', kind: 'conflict' }],
    ['keeps the kind of measure', { value: money('EUR', '50') }, { code: 'FIGURE.MEASURE_MISMATCH', field: 'value.measure.kind' }],
    ['fails with FIGURE.NOT_FOUND for an unknown figure', { figureId: 'capacity-holmium' }, { code: 'FIGURE.NOT_FOUND', kind: 'not_found', field: 'figureId' }],
    ['validates the new value', { value: { ...original.value, amount: '5e1' } }, { code: 'FIGURE.INVALID_DECIMAL', field: 'value.amount' }],
  ]);

  it.each<[string, Patch<FigureCorrectedV2>]>([
    ['the source', { source: reuters('a Caremag official') }],
    ['the reporting date', { reportedAt: '2025-03-18' }],
    ['the effective date', { effectiveAt: '2025-01-01' }],
  ])('accepts a correction of %s alone', (_name, patch) => {
    const unchangedValue = { value: original.value, source: original.source, reportedAt: original.reportedAt };
    expect(given(REGISTERED, REPORTED).when(correct({ ...unchangedValue, ...patch })).thenEvents()).toHaveLength(1);
  });

  const retracted: DealEvent = { type: 'ReportRetracted.v1', data: { figureId: 'capacity-dysprosium', reason: 'withdrawn' } };
  itRefuses([REGISTERED, REPORTED, retracted], correct, [
    ['fails with FIGURE.ALREADY_RETRACTED on a retracted figure', {}, { code: 'FIGURE.ALREADY_RETRACTED', kind: 'conflict' }],
  ]);

  itNeedsTheDealRegistered(correct);
});
