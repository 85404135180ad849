import type { DealCommand } from './deal-commands.js';
import { money, report, tonnes } from './testing/builders.js';
import { DEAL_ID, REGISTERED, frenchSupport } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

const announceSupport = (patch: Record<string, unknown> = {}): DealCommand =>
  ({ type: 'AnnounceGovernmentSupport', dealId: DEAL_ID, ...frenchSupport, ...patch }) as DealCommand;

describe('AnnounceGovernmentSupport', () => {
  it('records support reported second-hand (fact 12)', () => {
    expect(given(REGISTERED).when(announceSupport()).thenEvents()).toEqual([
      { type: 'GovernmentSupportAnnounced.v1', data: frenchSupport },
    ]);
  });

  it('leaves out an absent form', () => {
    const [event] = given(REGISTERED).when(announceSupport({ form: undefined })).thenEvents();
    expect(event.data).not.toHaveProperty('form');
  });

  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(announceSupport()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ government: 'gov-de' }, 'government'],
    [{ recipient: 'lynas' }, 'recipient'],
  ])('refuses parties not on the deal: %j', (patch, field) => {
    expect(given(REGISTERED).when(announceSupport(patch)).thenError()).toMatchObject({ code: 'DEAL.UNKNOWN_PARTY', field });
  });

  it('needs the amount in money', () => {
    expect(given(REGISTERED).when(announceSupport({ amount: report('support-fr', tonnes('100')) })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'amount.value.measure.kind',
    });
  });

  it('needs an ISO 4217 currency', () => {
    expect(given(REGISTERED).when(announceSupport({ amount: report('support-fr', money('FRF', '100')) })).thenError()).toMatchObject({
      code: 'MONEY.INVALID_CURRENCY',
      field: 'amount.value.measure.currency',
    });
  });

  it('refuses a figure id already used', () => {
    expect(
      given(REGISTERED, { type: 'GovernmentSupportAnnounced.v1', data: frenchSupport }).when(announceSupport()).thenError(),
    ).toMatchObject({ code: 'FIGURE.ALREADY_EXISTS', kind: 'conflict', field: 'amount.figureId' });
  });
});
