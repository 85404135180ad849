import { ControlledClock } from '#testing';
import { smallDeal, percentageMetric } from '../support/small-deal.js';
import { bearer, ROLE_KEYS, type TestLedger } from '../support/test-ledger.js';
import { useApiLedger } from './support/api-ledger.js';

/**
 * Retention over HTTP at the ledger's clock: a deal recorded in 2018 is past six years in
 * December 2026, one recorded in 2025 is not. The report, a dry run, a refusal, then the
 * disposal and what it leaves: the disposed deal answered as disposed, its rows rebuilt away.
 */
describe('retention and disposal, admin routes', () => {
  const clock = new ControlledClock('2018-04-01T09:00:00.000Z');
  const file = useApiLedger({ clock: clock.now });
  let ledger: TestLedger;
  const OLD = 'retention-old-2018';
  const RECENT = 'retention-recent-2025';

  beforeAll(async () => {
    ledger = file.current;
    // Reported before it was recorded, as in 2018.
    const metric = percentageMetric('yield', '12');
    await ledger.http().post('/deals').set(ledger.auth).send({ ...smallDeal(OLD), reportedAt: '2018-03-30' }).expect(201);
    await ledger.http().post(`/deals/${OLD}/metrics`).set(ledger.auth).send({ ...metric, metric: { ...metric.metric, reportedAt: '2018-03-30' } }).expect(201);
    clock.set('2025-03-17T09:00:00.000Z');
    await ledger.http().post('/deals').set(ledger.auth).send(smallDeal(RECENT)).expect(201);
    clock.set('2026-12-04T09:00:00.000Z');
  });

  it('reports per category what is past retention at the ledger clock, for admins only', async () => {
    const { body } = await ledger.http().get('/admin/retention').set(ledger.auth).expect(200);
    expect(body.asOf).toBe('2026-12-04T09:00:00.000Z');
    expect(body.categories[0]).toMatchObject({
      category: 'deal-events',
      years: 6,
      records: 3,
      pastRetention: 2,
      disposable: 2,
      held: 0,
      oldest: { streamId: `deal-${OLD}`, revision: 0, position: expect.any(String), retainedUntil: '2024-04-01T09:00:00.000Z' },
      holds: [],
    });
    await ledger.http().get('/admin/retention').set(bearer(ROLE_KEYS.auditor)).expect(403);
  });

  it('refuses a bad body with its field, and a named record not past retention with 409, writing nothing', async () => {
    const before = (await ledger.http().get('/admin/retention').set(ledger.auth).expect(200)).body;
    const noReason = await ledger.http().post('/admin/retention/disposals').set(ledger.auth).send({ dryRun: true }).expect(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    await ledger.http().post('/admin/retention/disposals').set(ledger.auth).send({ reason: 'x', categories: ['everything'] }).expect(400);
    const early = await ledger.http().post('/admin/retention/disposals').set(ledger.auth).send({ reason: 'early', records: [`deal-${RECENT}`] }).expect(409);
    expect(early.body).toMatchObject({ code: 'RECORDS.NOT_PAST_RETENTION' });
    expect((await ledger.http().get('/admin/retention').set(ledger.auth).expect(200)).body).toEqual(before);
  });

  it('disposes of what is due, rebuilds the read models without it, and answers the disposed deal as disposed', async () => {
    const dry = await ledger.http().post('/admin/retention/disposals').set(ledger.auth).send({ reason: 'Past six years', dryRun: true }).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, disposals: [], rebuilds: [] });
    expect(dry.body.disposed.map((d: { streamId: string }) => d.streamId)).toEqual([`deal-${OLD}`, `deal-${OLD}`]);

    const { body } = await ledger.http().post('/admin/retention/disposals').set(ledger.auth).send({ reason: 'Past six years' }).expect(200);
    expect(body).toMatchObject({ dryRun: false, disposals: [{ disposalEventId: expect.any(String), position: expect.any(String), events: 2 }], held: [] });
    expect(body.rebuilds.map((r: { projection: string; started: boolean }) => [r.projection, r.started])).toEqual([
      ['deal-state', true],
      ['audit-trail', true],
    ]);

    // Once the rebuilds swap in, the deal is answered as disposed; the recent one is untouched.
    let answer = await ledger.http().get(`/deals/${OLD}`).set(ledger.auth);
    for (let i = 0; i < 100 && answer.status === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await ledger.http().get(`/deals/${OLD}`).set(ledger.auth);
    }
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'DEAL.DISPOSED', details: { disposalEventId: body.disposals[0].disposalEventId } });
    await ledger.http().get(`/deals/${RECENT}`).set(ledger.auth).expect(200);
    const events = (await ledger.http().get(`/deals/${OLD}/events`).set(ledger.auth).expect(200)).body.events;
    expect(events.map((e: { data: object; disposal?: object }) => [e.data, e.disposal !== undefined])).toEqual([
      [{}, true],
      [{}, true],
    ]);
    const verification = await ledger.http().get('/audit/verify').set(ledger.auth).expect(200);
    expect(verification.body.ok).toBe(true);
    const report = (await ledger.http().get('/admin/retention').set(ledger.auth).expect(200)).body;
    expect(report.categories[0]).toMatchObject({ disposed: 2, pastRetention: 0 });
  });
});
