import { smallDeal, percentageMetric } from '../../support/small-deal.js';
import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';

/** The value of one series (name and labels as written) in a Prometheus text scrape. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`${series} is not in the scrape:\n${text}`);
  return Number(line.slice(series.length + 1));
}

describe('GET /metrics after a few commands', () => {
  const ledger = useApiLedger();
  const scrape = async () => (await ledger.current.anonymous().get('/metrics').expect(200)).text;

  it('times and sizes every write to the log, and counts command outcomes by route and error code', async () => {
    const dealId = freshDealId('metrics');
    const http = ledger.current.http();
    await http.post('/deals').send(smallDeal(dealId)).expect(201);
    await http.post(`/deals/${dealId}/metrics`).send(percentageMetric('share-1', '10')).expect(201);
    await http.post(`/deals/${dealId}/metrics`).send(percentageMetric('share-2', '20')).expect(201);
    const again = await http.post('/deals').send(smallDeal(dealId)).expect(409);
    const stale = await http.post(`/deals/${dealId}/metrics`).set('If-Match', '"0"').send(percentageMetric('share-3', '30')).expect(412);
    await http.post(`/deals/${dealId}/metrics`).send({ label: 'no metric' }).expect(400);

    const text = await scrape();
    expect(text).toContain('# TYPE ledger_append_duration_seconds histogram');
    // Three commands and their access-log or admin writes, if any: at least three appends, each timed.
    const appends = sample(text, 'ledger_append_duration_seconds_count{outcome="ok"}');
    expect(appends).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'ledger_append_duration_seconds_sum{outcome="ok"}')).toBeGreaterThan(0);
    expect(sample(text, 'ledger_append_duration_seconds_bucket{le="+Inf",outcome="ok"}')).toBe(appends);
    expect(sample(text, 'ledger_append_batch_events_count')).toBe(appends);
    expect(sample(text, 'ledger_append_batch_events_sum')).toBeGreaterThanOrEqual(3);

    expect(sample(text, 'ledger_command_outcomes_total{route="POST /deals",code="ok"}')).toBe(1);
    expect(sample(text, `ledger_command_outcomes_total{route="POST /deals",code="${again.body.code}"}`)).toBe(1);
    expect(sample(text, 'ledger_command_outcomes_total{route="POST /deals/:dealId/metrics",code="ok"}')).toBe(2);
    expect(sample(text, `ledger_command_outcomes_total{route="POST /deals/:dealId/metrics",code="${stale.body.code}"}`)).toBe(1);
    expect(sample(text, 'ledger_command_outcomes_total{route="POST /deals/:dealId/metrics",code="REQUEST.VALIDATION_FAILED"}')).toBe(1);
    // Reads are not commands.
    expect(text).not.toMatch(/ledger_command_outcomes_total\{route="GET /);
  });

  it('shows each projection\'s lag and each durable subscription\'s, in events', async () => {
    const { runner } = ledger.current.runtime;
    await runner.catchUp(5_000);
    await ledger.current.http().post('/subscriptions/durable').send({ name: 'risk-engine', from: 'end' }).expect(201);
    let text = await scrape();
    for (const projection of ['deal-state', 'audit-trail', 'party-directory']) expect(sample(text, `ledger_projection_lag_events{projection="${projection}"}`)).toBe(0);
    expect(sample(text, 'ledger_subscription_lag_events{subscription="risk-engine"}')).toBe(0);

    await runner.stop();
    try {
      // Recorded through the application: over HTTP the command would wait for the stopped read models.
      await recordedLines(dealLines(freshDealId('metrics')).slice(0, 2))(ledger.current);
      text = await scrape();
      expect(sample(text, 'ledger_projection_lag_events{projection="deal-state"}')).toBe(2);
      expect(sample(text, 'ledger_subscription_lag_events{subscription="risk-engine"}')).toBe(2);
    } finally {
      runner.start();
    }
  });

  it('counts verifications by result and says how old the latest checkpoint is', async () => {
    let text = await scrape();
    expect(text).toMatch(/^ledger_verification_ok nan$/im);
    expect(text).toMatch(/^ledger_checkpoint_age_seconds nan$/im);

    const verified = await ledger.current.http().get('/audit/verify').expect(200);
    expect(verified.body.ok).toBe(true);
    await ledger.current.runtime.signing.checkpoints.sign();
    text = await scrape();
    expect(sample(text, 'ledger_verifications_total{result="ok"}')).toBe(1);
    expect(sample(text, 'ledger_verifications_total{result="failed"}')).toBe(0);
    expect(sample(text, 'ledger_verification_ok')).toBe(1);
    expect(sample(text, 'ledger_verification_age_seconds')).toBeGreaterThanOrEqual(0);
    const age = sample(text, 'ledger_checkpoint_age_seconds');
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
  });
});
