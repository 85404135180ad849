import type { DealCommand } from './deal-commands.js';
import type { StakeDisclosedV1 } from './deal-events.js';
import { money, percent, report } from './testing/builders.js';
import { DEAL_ID, REGISTERED, stakeJogmec } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

const discloseStake = (patch: object = {}): DealCommand =>
  ({ type: 'DiscloseStake', dealId: DEAL_ID, ...stakeJogmec, ...patch }) as DealCommand;

describe('DiscloseStake', () => {
  it('records a refusal to disclose as an undisclosed value (fact 5)', () => {
    expect(given(REGISTERED).when(discloseStake()).thenEvents()).toEqual([{ type: 'StakeDisclosed.v1', data: stakeJogmec }]);
  });

  it('records a disclosed stake', () => {
    const disclosed: StakeDisclosedV1 = { holder: 'iwatani', target: 'caremag', stake: report('stake-iwatani', percent('20')) };
    expect(given(REGISTERED).when(discloseStake(disclosed)).thenEvents()).toEqual([{ type: 'StakeDisclosed.v1', data: disclosed }]);
  });

  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(discloseStake()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ holder: 'sumitomo' }, 'holder'],
    [{ target: 'lynas' }, 'target'],
  ])('refuses parties not on the deal: %j', (patch, field) => {
    expect(given(REGISTERED).when(discloseStake(patch)).thenError()).toMatchObject({ code: 'DEAL.UNKNOWN_PARTY', field });
  });

  it('needs the stake as a percentage', () => {
    expect(given(REGISTERED).when(discloseStake({ stake: report('stake-x', money('EUR', '1')) })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'stake.value.measure.kind',
    });
  });

  it('refuses a number on an undisclosed stake', () => {
    const stake = { ...stakeJogmec.stake, value: { ...stakeJogmec.stake.value, amount: '30' } };
    expect(given(REGISTERED).when(discloseStake({ stake })).thenError()).toMatchObject({
      code: 'FIGURE.VALUE_ON_UNDISCLOSED',
      field: 'stake.value.amount',
    });
  });

  it('refuses a figure id already used', () => {
    expect(
      given(REGISTERED, { type: 'StakeDisclosed.v1', data: stakeJogmec }).when(discloseStake()).thenError(),
    ).toMatchObject({ code: 'FIGURE.ALREADY_EXISTS', kind: 'conflict', field: 'stake.figureId' });
  });
});
