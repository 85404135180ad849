import fc from 'fast-check';
import type { FigureValue } from '../values/figure.js';
import type { DealEvent, FigureRevisedV2 } from './deal-events.js';
import { foldDeal } from './evolve.js';
import { money, percent, report, tonnes, undisclosed, PERCENT } from './testing/builders.js';
import { DEAL_ID, LATER, REGISTERED, dysprosiumCapacity, investment, stakeJogmec } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses, type Patch } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const ANNOUNCED: DealEvent = { type: 'InvestmentAnnounced.v2', data: investment };
const STAKE: DealEvent = { type: 'StakeDisclosed.v2', data: stakeJogmec };
const RETRACTED: DealEvent = { type: 'ReportRetracted.v1', data: { figureId: 'investment-amount', reason: 'withdrawn' } };

const revise = commandOn('ReviseFigure', LATER.investmentRevised);

/** The investment amount restated exactly as first reported. */
const sameAsReported = { value: investment.amount.value, source: investment.amount.source, reportedAt: investment.amount.reportedAt };

describe('ReviseFigure', () => {
  it('records that the world changed: the investment is now EUR 95,000,000 exact', () => {
    const events = given(REGISTERED, ANNOUNCED).when(revise()).thenEvents();
    expect(events).toEqual([{ type: 'FigureRevised.v2', data: LATER.investmentRevised }]);

    const state = foldDeal([REGISTERED, ANNOUNCED, ...events]);
    expect(state.registered && state.figures.get('investment-amount')).toMatchObject({
      status: 'revised',
      value: { qualifier: 'exact', amount: '95000000' },
      reportedAt: '2025-09-15',
      effectiveAt: '2025-09-15',
      source: { title: 'press release (hypothetical)' },
    });
  });

  it('turns an undisclosed stake into a disclosed one', () => {
    expect(given(REGISTERED, STAKE).when({ type: 'ReviseFigure', dealId: DEAL_ID, ...LATER.jogmecStakeDisclosed }).thenEvents()).toEqual([
      { type: 'FigureRevised.v2', data: LATER.jogmecStakeDisclosed },
    ]);
  });

  it('may change the currency or unit, not the kind of measure', () => {
    expect(given(REGISTERED, ANNOUNCED).when(revise({ value: money('USD', '100000000') })).thenEvents()).toHaveLength(1);
    const kilotonnes = { measure: { kind: 'quantity', unit: 'kt' }, qualifier: 'exact', amount: '0.5' };
    expect(
      given(REGISTERED, { type: 'CapacityReported.v2', data: dysprosiumCapacity })
        .when(revise({ figureId: 'capacity-dysprosium', value: kilotonnes }))
        .thenEvents(),
    ).toHaveLength(1);
    expect(given(REGISTERED, ANNOUNCED).when(revise({ value: percent('30') })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      kind: 'invalid',
      field: 'value.measure.kind',
    });
    expect(given(REGISTERED, STAKE).when(revise({ figureId: 'stake-jogmec', value: tonnes('30') })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
    });
  });

  it('refuses the same value from the same source reported at the same time, compared by value', () => {
    const respelled = {
      ...sameAsReported,
      value: { ...investment.amount.value, amount: '110000000.00' },
      reportedAt: '2025-03-17T00:00:00Z',
    };
    expect(given(REGISTERED, ANNOUNCED).when(revise({ ...respelled, effectiveAt: undefined })).thenError()).toMatchObject({
      code: 'FIGURE.REVISION_CHANGES_NOTHING',
      kind: 'conflict',
    });
  });

  it('accepts the same value from another source, or reported again later: a confirmation', () => {
    expect(given(REGISTERED, ANNOUNCED).when(revise({ ...sameAsReported, source: LATER.investmentRevised.source })).thenEvents()).toHaveLength(1);
    expect(given(REGISTERED, ANNOUNCED).when(revise({ ...sameAsReported, reportedAt: '2025-04-01' })).thenEvents()).toHaveLength(1);
  });

  it('compares with the latest value, not the first', () => {
    const revised: DealEvent = { type: 'FigureRevised.v2', data: LATER.investmentRevised };
    expect(given(REGISTERED, ANNOUNCED, revised).when(revise()).thenError()).toMatchObject({ code: 'FIGURE.REVISION_CHANGES_NOTHING' });
    expect(given(REGISTERED, ANNOUNCED, revised).when(revise(sameAsReported)).thenEvents()).toHaveLength(1);
  });

  itRefuses([REGISTERED, ANNOUNCED], revise, [
    ['fails with FIGURE.NOT_FOUND for a figure the deal does not have', { figureId: 'no-such-figure' }, { code: 'FIGURE.NOT_FOUND', kind: 'not_found', field: 'figureId' }],
  ]);

  itRefuses([REGISTERED, ANNOUNCED, RETRACTED], revise, [
    ['fails with FIGURE.ALREADY_RETRACTED once the report was retracted', {}, { code: 'FIGURE.ALREADY_RETRACTED', kind: 'conflict', field: 'figureId' }],
  ]);

  itNeedsTheDealRegistered(revise);

  it.each<[Patch<FigureRevisedV2>, string, string]>([
    [{ value: money('EUR', '95000000', 'roughly' as never) }, 'FIGURE.QUALIFIER_NOT_ALLOWED', 'value.qualifier'],
    [{ source: { publisher: '', tier: 'primary' } }, 'VALUE.REQUIRED', 'source.publisher'],
    [{ reportedAt: '2025-09-31' }, 'TIME.INVALID_TIMESTAMP', 'reportedAt'],
    [{ effectiveAt: 'soon' }, 'TIME.INVALID_TIMESTAMP', 'effectiveAt'],
    [{ reason: '' }, 'VALUE.REQUIRED', 'reason'],
    [{ figureId: 'a b' }, 'ID.INVALID', 'figureId'],
  ])('refuses invalid input %j', (patch, code, field) => {
    expect(given(REGISTERED, ANNOUNCED).when(revise(patch)).thenError()).toMatchObject({ code, field, kind: 'invalid' });
  });

  it('property: any valid value, restated with its source and date, changes nothing', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 100 }).map((n): FigureValue => percent(String(n), 'about')),
      fc.integer({ min: 0, max: 99 }).map((n): FigureValue => ({ ...percent(`${n}.50`), note: 'as filed' })),
      fc.constantFrom<FigureValue>(undisclosed(PERCENT, 'declined to comment'), { measure: PERCENT, qualifier: 'withheld' }),
    );
    fc.assert(
      fc.property(value, (v) => {
        const stake = report('stake-jogmec', v);
        const history: DealEvent[] = [REGISTERED, { type: 'StakeDisclosed.v2', data: { ...stakeJogmec, stake } }];
        expect(given(...history).when(revise({ figureId: 'stake-jogmec', value: v, source: stake.source, reportedAt: stake.reportedAt, effectiveAt: undefined })).thenError()).toMatchObject({
          code: 'FIGURE.REVISION_CHANGES_NOTHING',
        });
      }),
    );
  });
});
