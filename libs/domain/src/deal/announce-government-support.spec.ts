import { money, report, tonnes } from './testing/builders.js';
import { REGISTERED, frenchSupport } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const announceSupport = commandOn('AnnounceGovernmentSupport', frenchSupport);

describe('AnnounceGovernmentSupport', () => {
  it('records support reported second-hand (fact 12)', () => {
    expect(given(REGISTERED).when(announceSupport()).thenEvents()).toEqual([
      { type: 'GovernmentSupportAnnounced.v2', data: frenchSupport },
    ]);
  });

  it('leaves out an absent form', () => {
    const [event] = given(REGISTERED).when(announceSupport({ form: undefined })).thenEvents();
    expect(event.data).not.toHaveProperty('form');
  });

  itNeedsTheDealRegistered(announceSupport);

  itRefuses([REGISTERED], announceSupport, [
    ['refuses a government not on the deal', { government: 'gov-de' }, { code: 'DEAL.UNKNOWN_PARTY', field: 'government' }],
    ['refuses a recipient not on the deal', { recipient: 'lynas' }, { code: 'DEAL.UNKNOWN_PARTY', field: 'recipient' }],
    ['needs the amount in money', { amount: report('support-fr', tonnes('100')) }, { code: 'FIGURE.MEASURE_MISMATCH', field: 'amount.value.measure.kind' }],
    ['needs an ISO 4217 currency', { amount: report('support-fr', money('FRF', '100')) }, { code: 'MONEY.INVALID_CURRENCY', field: 'amount.value.measure.currency' }],
  ]);

  it('refuses a figure id already used', () => {
    expect(
      given(REGISTERED, { type: 'GovernmentSupportAnnounced.v2', data: frenchSupport }).when(announceSupport()).thenError(),
    ).toMatchObject({ code: 'FIGURE.ALREADY_EXISTS', kind: 'conflict', field: 'amount.figureId' });
  });
});
