import type { FigureValue } from '../values/figure.js';
import type { DealEvent } from './deal-events.js';
import { foldDeal } from './evolve.js';
import { reuters } from './testing/builders.js';
import { DEAL_ID, REGISTERED, dysprosiumCapacity, investment, stakeJogmec } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const INVESTED = { type: 'InvestmentAnnounced.v2', data: investment } as const;
const CAPACITY = { type: 'CapacityReported.v2', data: dysprosiumCapacity } as const;
const STAKE = { type: 'StakeDisclosed.v2', data: stakeJogmec } as const;
const signed = { figureId: 'investment-amount', stage: 'signed', source: reuters, reportedAt: '2025-06-01' } as const;
const reportStage = commandOn('ReportStage', signed);

describe('ReportStage', () => {
  it('records where an agreement now stands, and the figure keeps its value', () => {
    const events = given(REGISTERED, INVESTED).when(reportStage()).thenEvents();
    expect(events).toEqual([{ type: 'FigureStageReported.v1', data: signed }]);
    const state = foldDeal([REGISTERED, INVESTED, ...events]);
    expect(state.registered && state.figures.get('investment-amount')).toMatchObject({ stage: 'signed', status: 'current', value: investment.amount.value });
  });

  it('records a facility that becomes operating', () => {
    const operating = { figureId: dysprosiumCapacity.capacity.figureId, stage: 'operating' };
    expect(given(REGISTERED, CAPACITY).when(reportStage(operating)).thenEvents()[0]).toMatchObject({ data: operating });
  });

  it("takes the stages an instrument's declaration gives its figure, and refuses them on its other figures", () => {
    const years: FigureValue = { measure: { kind: 'duration', unit: 'year' }, qualifier: 'exact', amount: '10' };
    const loan: DealEvent = {
      type: 'DebtAgreed.v1',
      data: { form: 'loan', lenders: ['gov-fr'], borrower: 'caremag', principal: { ...investment.amount, figureId: 'loan' }, tenor: { ...investment.amount, figureId: 'loan-tenor', value: years } },
    };
    expect(given(REGISTERED, loan).when(reportStage({ figureId: 'loan', stage: 'drawn' })).thenEvents()).toHaveLength(1);
    expect(given(REGISTERED, loan).when(reportStage({ figureId: 'loan-tenor', stage: 'drawn' })).thenError()).toMatchObject({ code: 'FIGURE.STAGE_NOT_APPLICABLE' });
  });

  it('takes stages in any order: sources report them late', () => {
    const closed = given(REGISTERED, INVESTED).when(reportStage({ stage: 'closed' })).thenEvents();
    expect(given(REGISTERED, INVESTED, ...closed).when(reportStage({ stage: 'committed' })).thenEvents()).toHaveLength(1);
  });

  itNeedsTheDealRegistered(reportStage);

  itRefuses([REGISTERED, INVESTED, CAPACITY, STAKE], reportStage, [
    ['refuses a figure that has no stage (a stake)', { figureId: 'stake-jogmec' }, { code: 'FIGURE.STAGE_NOT_APPLICABLE', field: 'stage' }],
    ['refuses a facility stage on an agreement', { stage: 'operating' }, { code: 'VALUE.NOT_ALLOWED', field: 'stage' }],
    ['refuses an agreement stage on a capacity', { figureId: dysprosiumCapacity.capacity.figureId, stage: 'signed' }, { code: 'VALUE.NOT_ALLOWED', field: 'stage' }],
    ['refuses an unknown figure', { figureId: 'nothing' }, { code: 'FIGURE.NOT_FOUND', kind: 'not_found' }],
    ['refuses a stage without a source', { source: undefined }, { code: 'VALUE.REQUIRED', field: 'source' }],
    ['refuses an impossible reportedAt', { reportedAt: '2025-02-30' }, { code: 'TIME.INVALID_TIMESTAMP', field: 'reportedAt' }],
  ]);

  it('refuses the stage the figure already stands at', () => {
    const events = given(REGISTERED, INVESTED).when(reportStage()).thenEvents();
    expect(given(REGISTERED, INVESTED, ...events).when(reportStage()).thenError()).toMatchObject({ code: 'FIGURE.STAGE_UNCHANGED', kind: 'conflict' });
  });
});

describe('a stage given with the first report', () => {
  it('is kept on the figure', () => {
    const committed = { ...investment, amount: { ...investment.amount, stage: 'committed' as const } };
    const events = given(REGISTERED).when({ type: 'AnnounceInvestment', dealId: DEAL_ID, ...committed }).thenEvents();
    const state = foldDeal([REGISTERED, ...events]);
    expect(state.registered && state.figures.get('investment-amount')?.stage).toBe('committed');
  });

  it('must fit the figure, named by its member', () => {
    const planned = { ...investment, amount: { ...investment.amount, stage: 'planned' as const } };
    expect(given(REGISTERED).when({ type: 'AnnounceInvestment', dealId: DEAL_ID, ...planned }).thenError()).toMatchObject({
      code: 'VALUE.NOT_ALLOWED',
      field: 'amount.stage',
    });
    const stakeWithStage = { ...stakeJogmec, stake: { ...stakeJogmec.stake, stage: 'signed' as const } };
    expect(given(REGISTERED).when({ type: 'DiscloseStake', dealId: DEAL_ID, ...stakeWithStage }).thenError()).toMatchObject({
      code: 'FIGURE.STAGE_NOT_APPLICABLE',
      field: 'stake.stage',
    });
  });
});
