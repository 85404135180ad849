import type { DealCommand } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { REGISTERED, investment } from './testing/caremag.js';
import { money, percent, report, words } from './testing/builders.js';
import { commandOn, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const announce = commandOn('AnnounceInvestment', investment);

const ANNOUNCED: DealEvent = { type: 'InvestmentAnnounced.v2', data: investment };

describe('AnnounceInvestment', () => {
  it('given a registered deal, records the investment (facts 1–4) without the command fields', () => {
    const events = given(REGISTERED).when(announce()).thenEvents();
    expect(events).toEqual([ANNOUNCED]);
    expect(events[0].data).not.toHaveProperty('dealId');
    expect(events[0].data).not.toHaveProperty('type');
  });

  it('leaves out an absent vehicle and timeframe', () => {
    const [event] = given(REGISTERED).when(announce({ vehicle: undefined, timeframe: undefined })).thenEvents();
    expect(Object.keys(event.data)).toEqual(['investors', 'target', 'amount', 'instruments']);
  });

  it('copies the command: changing the command afterwards does not change the event', () => {
    const command = structuredClone(announce()) as Extract<DealCommand, { type: 'AnnounceInvestment' }>;
    const [event] = given(REGISTERED).when(command).thenEvents();
    command.investors.push('carester');
    command.amount.value.amount = '1';
    expect(event).toEqual(ANNOUNCED);
  });

  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(announce()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found', field: 'dealId' });
  });

  it('for another deal than the one loaded fails with DEAL.NOT_FOUND', () => {
    expect(given(REGISTERED).when(announce({ dealId: 'other-deal' })).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND' });
  });

  const badRate = {
    ...investment.amount,
    value: { ...investment.amount.value, conversions: [{ currency: 'USD', amount: '120000000', rate: { base: 'USD', quote: 'JPY', value: '150' } }] },
  };
  itRefuses([REGISTERED], announce, [
    ['refuses an investor that is not a party of the deal', { investors: ['jogmec', 'mitsubishi'] }, { code: 'DEAL.UNKNOWN_PARTY', kind: 'invalid', field: 'investors[1]' }],
    ['refuses the target that is not a party of the deal', { target: 'lynas' }, { code: 'DEAL.UNKNOWN_PARTY', kind: 'invalid', field: 'target' }],
    ['refuses the vehicle that is not a party of the deal', { vehicle: 'jv-2' }, { code: 'DEAL.UNKNOWN_PARTY', kind: 'invalid', field: 'vehicle' }],
    ['refuses an investor named twice', { investors: ['jogmec', 'jogmec'] }, { code: 'DEAL.DUPLICATE_PARTY', field: 'investors[1]' }],
    ['needs an investor', { investors: [] }, { code: 'VALUE.INVALID_LIST', field: 'investors' }],
    ['refuses a blank instrument', { instruments: ['equity', ''] }, { code: 'VALUE.REQUIRED', field: 'instruments[1]' }],
    ['needs the amount in money', { amount: report('inv-pct', percent('30')) }, { code: 'FIGURE.MEASURE_MISMATCH', kind: 'invalid', field: 'amount.value.measure.kind' }],
    ['needs the timeframe in words', { timeframe: report('tf', money('EUR', '1')) }, { code: 'FIGURE.MEASURE_MISMATCH', field: 'timeframe.value.measure.kind' }],
    ['validates the figures with the figure rules, naming the nested path', { amount: badRate }, { code: 'MONEY.CONVERSION_RATE_MISMATCH', field: 'amount.value.conversions[0].rate' }],
    ["refuses a timeframe with the amount's figure id", { timeframe: report('investment-amount', words('five years')) }, { code: 'FIGURE.ALREADY_EXISTS', field: 'timeframe.figureId' }],
  ]);

  itRefuses([REGISTERED, ANNOUNCED], announce, [
    ['refuses a figure id already used on the deal', { timeframe: undefined }, { code: 'FIGURE.ALREADY_EXISTS', kind: 'conflict', field: 'amount.figureId' }],
  ]);
});
