import { dealStreamName } from '#domain';
import { apiSpecification, expectError, expectNewEvents, expectNoEvents } from '../support/api-specification.js';
import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';
import { routeOf } from '../../support/reference-deal.js';

const HOUR_MS = 3_600_000;
/** The date it is now in UTC+14, where each day begins first. */
const dayInUtcPlus14 = (shiftDays = 0) => new Date(Date.now() + 14 * HOUR_MS + shiftDays * 24 * HOUR_MS).toISOString().slice(0, 10);

/** Reports are held to the moment the server received them; effectiveAt to the plausible window. */
describe('the time guards over HTTP', () => {
  const ledger = useApiLedger();
  const spec = apiSpecification(ledger);

  const aDeal = () => {
    const [register, investment] = dealLines(freshDealId('time-guards'));
    const body = investment!.body as Record<string, any>;
    const announce = (amount: Record<string, unknown>, more: Record<string, unknown> = {}) => (http: ReturnType<typeof ledger.current.http>) =>
      http.post(routeOf(investment!)).send({ ...body, amount: { ...body.amount, ...amount }, ...more });
    return { registered: recordedLines([register!]), announce, stream: dealStreamName(investment!.dealId!), amount: body.amount };
  };

  it('accepts a report dated today anywhere on Earth (UTC+14 is the first to reach a day)', async () => {
    const deal = aDeal();
    const today = dayInUtcPlus14();
    await spec(deal.registered)
      .when(deal.announce({ reportedAt: today, source: { ...deal.amount.source, publishedAt: today } }))
      .then(({ response }) => expect(response.status).toBe(201), expectNewEvents(deal.stream, [{ type: 'InvestmentAnnounced.v2', data: { amount: { reportedAt: today } } }]));
  });

  it('refuses one dated the day after, naming the field, and writes nothing', async () => {
    const deal = aDeal();
    await spec(deal.registered)
      .when(deal.announce({ reportedAt: dayInUtcPlus14(1) }))
      .then(expectError(400, 'TIME.REPORTED_AFTER_RECORDING', 'amount.reportedAt'), expectNoEvents());
  });

  it('records an effectiveAt of 1800-01-01 with an override, keeping its reason in the metadata only', async () => {
    const deal = aDeal();
    const reason = 'the mining concession dates from 1800, as the decree states';
    const { written } = await spec(deal.registered)
      .when(deal.announce({ effectiveAt: '1800-01-01' }, { plausibilityOverride: { reason } }))
      .then(
        ({ response }) => expect(response.status).toBe(201),
        expectNewEvents(deal.stream, [{ type: 'InvestmentAnnounced.v2', data: { amount: { effectiveAt: '1800-01-01' } }, metadata: { plausibilityOverride: { reason } } }]),
      );
    expect(JSON.stringify(written.map((e) => e.data))).not.toContain('plausibilityOverride');
  });
});
