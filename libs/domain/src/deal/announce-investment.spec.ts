import type { DealCommand } from './deal-commands.js';
import type { DealEvent, InvestmentAnnouncedV1 } from './deal-events.js';
import { DEAL_ID, REGISTERED, investment } from './testing/caremag.js';
import { money, percent, report, words } from './testing/builders.js';
import { given } from './testing/given-when-then.js';

const announce = (patch: Partial<Record<keyof InvestmentAnnouncedV1 | 'dealId', unknown>> = {}): DealCommand =>
  ({ type: 'AnnounceInvestment', dealId: DEAL_ID, ...investment, ...patch }) as DealCommand;

const ANNOUNCED: DealEvent = { type: 'InvestmentAnnounced.v1', data: investment };

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

  it.each<[string, Record<string, unknown>, string]>([
    ['an investor', { investors: ['jogmec', 'mitsubishi'] }, 'investors[1]'],
    ['the target', { target: 'lynas' }, 'target'],
    ['the vehicle', { vehicle: 'jv-2' }, 'vehicle'],
  ])('refuses %s that is not a party of the deal', (_name, patch, field) => {
    expect(given(REGISTERED).when(announce(patch)).thenError()).toMatchObject({ code: 'DEAL.UNKNOWN_PARTY', kind: 'invalid', field });
  });

  it('refuses an investor named twice', () => {
    expect(given(REGISTERED).when(announce({ investors: ['jogmec', 'jogmec'] })).thenError()).toMatchObject({
      code: 'DEAL.DUPLICATE_PARTY',
      field: 'investors[1]',
    });
  });

  it('needs an investor', () => {
    expect(given(REGISTERED).when(announce({ investors: [] })).thenError()).toMatchObject({ code: 'VALUE.INVALID_LIST', field: 'investors' });
  });

  it('refuses a blank instrument', () => {
    expect(given(REGISTERED).when(announce({ instruments: ['equity', ''] })).thenError()).toMatchObject({
      code: 'VALUE.REQUIRED',
      field: 'instruments[1]',
    });
  });

  it('needs the amount in money and the timeframe in words', () => {
    expect(given(REGISTERED).when(announce({ amount: report('inv-pct', percent('30')) })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      kind: 'invalid',
      field: 'amount.value.measure.kind',
    });
    expect(given(REGISTERED).when(announce({ timeframe: report('tf', money('EUR', '1')) })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'timeframe.value.measure.kind',
    });
  });

  it('validates the figures with the figure rules, naming the nested path', () => {
    const badRate = {
      ...investment.amount,
      value: { ...investment.amount.value, conversions: [{ currency: 'USD', amount: '120000000', rate: { base: 'USD', quote: 'JPY', value: '150' } }] },
    };
    expect(given(REGISTERED).when(announce({ amount: badRate })).thenError()).toMatchObject({
      code: 'MONEY.CONVERSION_RATE_MISMATCH',
      field: 'amount.value.conversions[0].rate',
    });
  });

  it('refuses a figure id already used on the deal', () => {
    expect(given(REGISTERED, ANNOUNCED).when(announce({ timeframe: undefined })).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_EXISTS',
      kind: 'conflict',
      field: 'amount.figureId',
    });
  });

  it('refuses a timeframe with the amount\'s figure id', () => {
    expect(given(REGISTERED).when(announce({ timeframe: report('investment-amount', words('five years')) })).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_EXISTS',
      field: 'timeframe.figureId',
    });
  });
});
