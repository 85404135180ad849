import { describeFigureValue } from '../values/describe-figure.js';
import type { DealEvent } from './deal-events.js';
import { foldDeal } from './evolve.js';
import { DEAL_ID, REGISTERED, dysprosiumCapacity } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

/**
 * The unit table judges new writes only (issue 15 point 1). A figure stored before it, in a
 * unit the table does not know, is history: it folds, displays and can be revised or
 * retracted; only the value a new command brings must use the table.
 */
const LEGACY: DealEvent = {
  type: 'CapacityReported.v2',
  data: {
    ...dysprosiumCapacity,
    capacity: { ...dysprosiumCapacity.capacity, value: { measure: { kind: 'quantity', unit: 'tonnes REO', per: 'annum' }, qualifier: 'exact', amount: '500' } },
  },
};
const FIGURE_ID = dysprosiumCapacity.capacity.figureId;
const restated = (unit: string) => ({
  type: 'ReviseFigure' as const,
  dealId: DEAL_ID,
  figureId: FIGURE_ID,
  value: { measure: { kind: 'quantity' as const, unit, per: 'year' }, qualifier: 'exact' as const, amount: '600' },
  source: dysprosiumCapacity.capacity.source,
  reportedAt: '2026-02-01',
});

describe('given a capacity stored in a unit outside the table', () => {
  it('then it folds and reads as stored', () => {
    const state = foldDeal([REGISTERED, LEGACY]);
    const figure = state.registered ? state.figures.get(FIGURE_ID) : undefined;
    expect(figure && describeFigureValue(figure.value)).toBe('500 tonnes REO per annum');
  });

  it('when it is revised in a unit of the table, then the revision is recorded', () => {
    expect(given(REGISTERED, LEGACY).when(restated('t')).thenEvents()).toHaveLength(1);
  });

  it('when a revision repeats the unit outside the table, then the new write is refused by name', () => {
    expect(given(REGISTERED, LEGACY).when(restated('tonnes REO')).thenError()).toMatchObject({
      code: 'FIGURE.UNKNOWN_UNIT',
      field: 'value.measure.unit',
    });
  });

  it('when it is retracted, then the retraction is recorded', () => {
    expect(
      given(REGISTERED, LEGACY).when({ type: 'RetractReport', dealId: DEAL_ID, figureId: FIGURE_ID, reason: 'superseded' }).thenEvents(),
    ).toHaveLength(1);
  });
});
