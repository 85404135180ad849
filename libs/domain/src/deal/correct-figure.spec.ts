import type { DealCommand } from './deal-commands.js';
import type { DealEvent, FigureCorrectedV1 } from './deal-events.js';
import { foldDeal } from './evolve.js';
import { money } from './testing/builders.js';
import { DEAL_ID, LATER, REGISTERED, dysprosiumCapacity, reuters } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

const REPORTED: DealEvent = { type: 'CapacityReported.v1', data: dysprosiumCapacity };
const original = dysprosiumCapacity.capacity;

const correct = (patch: Partial<Record<keyof FigureCorrectedV1, unknown>> = {}): DealCommand =>
  ({ type: 'CorrectFigure', dealId: DEAL_ID, ...LATER.dysprosiumCorrected, ...patch }) as DealCommand;

describe('CorrectFigure', () => {
  it('records that our record was wrong: dysprosium capacity 500 t → 50 t', () => {
    const events = given(REGISTERED, REPORTED).when(correct()).thenEvents();
    expect(events).toEqual([{ type: 'FigureCorrected.v1', data: LATER.dysprosiumCorrected }]);

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

  it('refuses a correction that changes nothing, comparing values and times by meaning', () => {
    const unchanged = { value: { ...original.value, amount: '500.0' }, source: reuters('a JOGMEC official'), reportedAt: '2025-03-17T00:00Z' };
    expect(given(REGISTERED, REPORTED).when(correct(unchanged)).thenError()).toMatchObject({
      code: 'FIGURE.CORRECTION_CHANGES_NOTHING',
      kind: 'conflict',
    });
  });

  it.each<[string, Partial<Record<keyof FigureCorrectedV1, unknown>>]>([
    ['the source', { source: reuters('a Caremag official') }],
    ['the reporting date', { reportedAt: '2025-03-18' }],
    ['the effective date', { effectiveAt: '2025-01-01' }],
  ])('accepts a correction of %s alone', (_name, patch) => {
    const unchangedValue = { value: original.value, source: original.source, reportedAt: original.reportedAt };
    expect(given(REGISTERED, REPORTED).when(correct({ ...unchangedValue, ...patch })).thenEvents()).toHaveLength(1);
  });

  it('keeps the kind of measure', () => {
    expect(given(REGISTERED, REPORTED).when(correct({ value: money('EUR', '50') })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'value.measure.kind',
    });
  });

  it('fails with FIGURE.NOT_FOUND for an unknown figure', () => {
    expect(given(REGISTERED, REPORTED).when(correct({ figureId: 'capacity-holmium' })).thenError()).toMatchObject({
      code: 'FIGURE.NOT_FOUND',
      kind: 'not_found',
      field: 'figureId',
    });
  });

  it('fails with FIGURE.ALREADY_RETRACTED on a retracted figure', () => {
    const retracted: DealEvent = { type: 'ReportRetracted.v1', data: { figureId: 'capacity-dysprosium', reason: 'withdrawn' } };
    expect(given(REGISTERED, REPORTED, retracted).when(correct()).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_RETRACTED',
      kind: 'conflict',
    });
  });

  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(correct()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });

  it('validates the new value', () => {
    expect(given(REGISTERED, REPORTED).when(correct({ value: { ...original.value, amount: '5e1' } })).thenError()).toMatchObject({
      code: 'FIGURE.INVALID_DECIMAL',
      field: 'value.amount',
    });
  });
});
