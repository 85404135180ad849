import fc from 'fast-check';
import type { DealCommand } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { LATER, REGISTERED, investment, registered } from './testing/caremag.js';
import { commandOn } from './testing/command-spec.js';
import { decisionContextAt } from './testing/decision-context.js';
import { given } from './testing/given-when-then.js';

const ANNOUNCED: DealEvent = { type: 'InvestmentAnnounced.v2', data: investment };

/** Noon UTC on 15 June 2030: in UTC+14 it is already the 16th. */
const NOW = '2030-06-15T12:00:00.000Z';
const at = (now: string, more = {}) => decisionContextAt(now, more);

const register = (patch: Record<string, unknown> = {}): DealCommand => ({ type: 'RegisterDeal', ...registered, ...patch }) as DealCommand;
/** A second investment figure on the registered deal, its report changed by `patch`. */
const invest = (patch: Record<string, unknown>): DealCommand =>
  commandOn('AnnounceInvestment', investment)({
    amount: { ...investment.amount, figureId: 'second-amount', ...patch },
    timeframe: undefined,
  });
const revise = commandOn('ReviseFigure', LATER.investmentRevised);

describe('time guards: nothing is reported after the moment of recording', () => {
  it('refuses a report dated tomorrow, even in UTC+14, naming the field', () => {
    expect(given().when(register({ reportedAt: '2030-06-17' }), at(NOW)).thenError()).toMatchObject({
      code: 'TIME.REPORTED_AFTER_RECORDING',
      kind: 'invalid',
      field: 'reportedAt',
    });
  });

  it('accepts a report dated today anywhere on Earth: at noon UTC, UTC+14 is already on the next day', () => {
    const [event] = given().when(register({ reportedAt: '2030-06-16', source: { ...registered.source, publishedAt: '2030-06-16' } }), at(NOW)).thenEvents();
    expect(event).toMatchObject({ type: 'DealRegistered.v2', data: { reportedAt: '2030-06-16' } });
  });

  it('refuses a time of day later than the moment of recording, even by a second', () => {
    expect(given().when(register({ reportedAt: '2030-06-15T12:00:01Z' }), at(NOW)).thenError()).toMatchObject({
      code: 'TIME.REPORTED_AFTER_RECORDING',
      field: 'reportedAt',
    });
    expect(given().when(register({ reportedAt: '2030-06-15T13:59:59+02:00' }), at(NOW)).thenEvents()).toHaveLength(1);
  });

  it('holds a source’s publishedAt to the same rule, wherever it sits in the fact', () => {
    const published = { ...investment.amount.source, publishedAt: '2030-06-18T00:00:00Z' };
    expect(given(REGISTERED).when(invest({ source: published }), at(NOW)).thenError()).toMatchObject({
      code: 'TIME.REPORTED_AFTER_RECORDING',
      field: 'amount.source.publishedAt',
    });
  });
});

describe('time guards: effectiveAt within the plausible window', () => {
  it('refuses an effectiveAt of 1800-01-01, naming the field', () => {
    expect(given(REGISTERED).when(invest({ effectiveAt: '1800-01-01' }), at(NOW)).thenError()).toMatchObject({
      code: 'TIME.EFFECTIVE_AT_IMPLAUSIBLE',
      kind: 'invalid',
      field: 'amount.effectiveAt',
    });
  });

  it('refuses one past the window’s end (50 years after the moment of recording), on a revision too', () => {
    expect(given(REGISTERED, ANNOUNCED).when(revise({ effectiveAt: '2081-01-01' }), at(NOW)).thenError()).toMatchObject({
      code: 'TIME.EFFECTIVE_AT_IMPLAUSIBLE',
      field: 'effectiveAt',
    });
    expect(given(REGISTERED, ANNOUNCED).when(revise({ effectiveAt: '2079-12-31' }), at(NOW)).thenEvents()).toHaveLength(1);
  });

  it('accepts the window’s first day, and a future effectiveAt within it (a plant to open in 2040)', () => {
    expect(given(REGISTERED).when(invest({ effectiveAt: '1950-01-01' }), at(NOW)).thenEvents()).toHaveLength(1);
    expect(given(REGISTERED).when(invest({ effectiveAt: '2040-01-01' }), at(NOW)).thenEvents()).toHaveLength(1);
  });

  it('with an override and its reason, records 1800-01-01 as reported (the reason goes to the metadata, not the fact)', () => {
    const override = { plausibilityOverride: { reason: 'a concession granted in 1800, as the decree states' } };
    const [event] = given(REGISTERED).when(invest({ effectiveAt: '1800-01-01' }), at(NOW, override)).thenEvents();
    expect(event).toMatchObject({ type: 'InvestmentAnnounced.v2', data: { amount: { effectiveAt: '1800-01-01' } } });
    expect(JSON.stringify(event)).not.toContain('plausibilityOverride');
  });

  it('refuses an override without a reason: it is required', () => {
    expect(given(REGISTERED).when(invest({ effectiveAt: '1800-01-01' }), at(NOW, { plausibilityOverride: {} as { reason: string } })).thenError()).toMatchObject({
      code: 'VALUE.REQUIRED',
      field: 'plausibilityOverride.reason',
      message: 'plausibilityOverride.reason is required',
    });
  });

  it('follows the configured window', () => {
    const narrow = { effectiveWindow: { from: { at: '2000-01-01' }, to: { yearsFromNow: 1 } } };
    expect(given(REGISTERED).when(invest({ effectiveAt: '1999-12-31' }), at(NOW, narrow)).thenError()).toMatchObject({
      code: 'TIME.EFFECTIVE_AT_IMPLAUSIBLE',
      message: expect.stringContaining('2000-01-01/P1Y'),
    });
  });
});

describe('time guards, as properties', () => {
  const DAY_MS = 86_400_000;
  const instant = fc.integer({ min: Date.parse('1950-01-01T00:00:00Z'), max: Date.parse('2030-12-31T23:59:59Z') });
  const spelling = (ms: number, dateOnly: boolean) => (dateOnly ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString());

  it('accepts every reportedAt and publishedAt at or before the moment of recording, as a date or a time', () => {
    fc.assert(
      fc.property(instant, fc.boolean(), fc.integer({ min: 0, max: 40 * 365 * DAY_MS }), (reported, dateOnly, later) => {
        const stamp = spelling(reported, dateOnly);
        const now = new Date(reported + later).toISOString();
        const command = register({ reportedAt: stamp, source: { ...registered.source, publishedAt: stamp } });
        expect(given().when(command, at(now)).thenEvents()).toHaveLength(1);
      }),
    );
  });

  it('refuses every time of day after the moment of recording, and every date after today in UTC+14', () => {
    fc.assert(
      fc.property(instant, fc.boolean(), fc.integer({ min: 1, max: 40 * 365 * DAY_MS }), (now, dateOnly, ahead) => {
        // A date alone must be a day that has not begun yet even in UTC+14.
        const reported = dateOnly ? now + 14 * 3_600_000 + DAY_MS + ahead : now + ahead;
        const unpublished = { publisher: 'Reuters', tier: 'primary' };
        const command = register({ reportedAt: spelling(reported, dateOnly), source: unpublished });
        const error = given().when(command, at(new Date(now).toISOString())).thenError();
        expect(error).toMatchObject({ code: 'TIME.REPORTED_AFTER_RECORDING', field: 'reportedAt' });
      }),
    );
  });
});
