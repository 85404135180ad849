import type { StakeDisclosedV2 } from './deal-events.js';
import { money, percent, report } from './testing/builders.js';
import { REGISTERED, stakeJogmec } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const discloseStake = commandOn('DiscloseStake', stakeJogmec);

describe('DiscloseStake', () => {
  it('records a refusal to disclose as an undisclosed value (fact 5)', () => {
    expect(given(REGISTERED).when(discloseStake()).thenEvents()).toEqual([{ type: 'StakeDisclosed.v2', data: stakeJogmec }]);
  });

  it('records a disclosed stake', () => {
    const disclosed: StakeDisclosedV2 = {
      holder: 'iwatani',
      target: 'caremag',
      stake: report('stake-iwatani', percent('20')),
      basis: 'fully_diluted',
      conditional: false,
    };
    expect(given(REGISTERED).when(discloseStake(disclosed)).thenEvents()).toEqual([{ type: 'StakeDisclosed.v2', data: disclosed }]);
  });

  it('says the basis was not given, and the stake is held now, when the command does not say', () => {
    const { basis: _basis, conditional: _conditional, ...asSentBefore } = stakeJogmec;
    expect(given(REGISTERED).when(discloseStake(asSentBefore)).thenEvents()).toEqual([
      { type: 'StakeDisclosed.v2', data: { ...asSentBefore, basis: 'unspecified', conditional: false } },
    ]);
  });

  it('records a stake that exists only once a condition is met, with the condition', () => {
    const conditional = { stake: report('stake-conv', percent('15', 'about')), basis: 'as_converted', conditional: true, condition: 'once converted and exercised' } as const;
    expect(given(REGISTERED).when(discloseStake(conditional)).thenEvents()).toEqual([
      { type: 'StakeDisclosed.v2', data: { ...stakeJogmec, ...conditional } },
    ]);
  });

  describe('one open stake per holder, target, basis and condition', () => {
    const open = { type: 'StakeDisclosed.v2', data: stakeJogmec } as const;
    const another = { stake: report('stake-jogmec-2', percent('30')) };

    it('refuses a second stake with a 409 that names the figure to revise', () => {
      expect(given(REGISTERED, open).when(discloseStake(another)).thenError()).toMatchObject({
        code: 'STAKE.ALREADY_OPEN',
        kind: 'conflict',
        field: 'stake',
        details: { figureId: 'stake-jogmec', revise: '/deals/caremag-2025/figures/stake-jogmec/revisions' },
      });
    });

    it.each([
      ['on another basis', { basis: 'voting' }],
      ['held only on a condition', { conditional: true }],
      ['named as a separate tranche', { tranche: 'second tranche' }],
    ] as const)('records a second stake %s', (_case, difference) => {
      expect(given(REGISTERED, open).when(discloseStake({ ...another, ...difference })).thenEvents()).toHaveLength(1);
    });

    it('records a new stake once the open one was retracted', () => {
      const retracted = { type: 'ReportRetracted.v1', data: { figureId: 'stake-jogmec', reason: 'withdrawn' } } as const;
      expect(given(REGISTERED, open, retracted).when(discloseStake(another)).thenEvents()).toHaveLength(1);
    });
  });

  itNeedsTheDealRegistered(discloseStake);

  const numberOnUndisclosed = { ...stakeJogmec.stake, value: { ...stakeJogmec.stake.value, amount: '30' } };
  itRefuses([REGISTERED], discloseStake, [
    ['refuses a holder not on the deal', { holder: 'sumitomo' }, { code: 'DEAL.UNKNOWN_PARTY', field: 'holder' }],
    ['refuses a target not on the deal', { target: 'lynas' }, { code: 'DEAL.UNKNOWN_PARTY', field: 'target' }],
    ['needs the stake as a percentage', { stake: report('stake-x', money('EUR', '1')) }, { code: 'FIGURE.MEASURE_MISMATCH', field: 'stake.value.measure.kind' }],
    ['refuses a number on an undisclosed stake', { stake: numberOnUndisclosed }, { code: 'FIGURE.VALUE_ON_UNDISCLOSED', field: 'stake.value.amount' }],
    ['refuses a basis it does not know', { basis: 'diluted' as never }, { code: 'VALUE.NOT_ALLOWED', field: 'basis' }],
    ['refuses a condition on a stake held now', { condition: 'once converted' }, { code: 'STAKE.CONDITION_ON_UNCONDITIONAL', field: 'condition' }],
  ]);

  it('refuses a figure id already used', () => {
    expect(
      given(REGISTERED, { type: 'StakeDisclosed.v2', data: stakeJogmec }).when(discloseStake()).thenError(),
    ).toMatchObject({ code: 'FIGURE.ALREADY_EXISTS', kind: 'conflict', field: 'stake.figureId' });
  });
});
