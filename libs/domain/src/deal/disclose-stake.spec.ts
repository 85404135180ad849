import type { StakeDisclosedV1 } from './deal-events.js';
import { money, percent, report } from './testing/builders.js';
import { REGISTERED, stakeJogmec } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const discloseStake = commandOn('DiscloseStake', stakeJogmec);

describe('DiscloseStake', () => {
  it('records a refusal to disclose as an undisclosed value (fact 5)', () => {
    expect(given(REGISTERED).when(discloseStake()).thenEvents()).toEqual([{ type: 'StakeDisclosed.v1', data: stakeJogmec }]);
  });

  it('records a disclosed stake', () => {
    const disclosed: StakeDisclosedV1 = { holder: 'iwatani', target: 'caremag', stake: report('stake-iwatani', percent('20')) };
    expect(given(REGISTERED).when(discloseStake(disclosed)).thenEvents()).toEqual([{ type: 'StakeDisclosed.v1', data: disclosed }]);
  });

  itNeedsTheDealRegistered(discloseStake);

  const numberOnUndisclosed = { ...stakeJogmec.stake, value: { ...stakeJogmec.stake.value, amount: '30' } };
  itRefuses([REGISTERED], discloseStake, [
    ['refuses a holder not on the deal', { holder: 'sumitomo' }, { code: 'DEAL.UNKNOWN_PARTY', field: 'holder' }],
    ['refuses a target not on the deal', { target: 'lynas' }, { code: 'DEAL.UNKNOWN_PARTY', field: 'target' }],
    ['needs the stake as a percentage', { stake: report('stake-x', money('EUR', '1')) }, { code: 'FIGURE.MEASURE_MISMATCH', field: 'stake.value.measure.kind' }],
    ['refuses a number on an undisclosed stake', { stake: numberOnUndisclosed }, { code: 'FIGURE.VALUE_ON_UNDISCLOSED', field: 'stake.value.amount' }],
  ]);

  it('refuses a figure id already used', () => {
    expect(
      given(REGISTERED, { type: 'StakeDisclosed.v1', data: stakeJogmec }).when(discloseStake()).thenError(),
    ).toMatchObject({ code: 'FIGURE.ALREADY_EXISTS', kind: 'conflict', field: 'stake.figureId' });
  });
});
