import { REFERENCE_DEAL_ID, referenceDealLines, routeOf } from './support/reference-deal.js';
import { startTestLedger, tempDataDir } from './support/test-ledger.js';

describe('idempotency across a restart', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('answers a repeated command id with the first result and writes nothing after a restart', async () => {
    const [register, investment] = referenceDealLines();
    let ledger = await startTestLedger({ dataDir: data.dir });
    await ledger.http().post(routeOf(register!)).set(ledger.auth).send(register!.body).expect(201);
    const first = await ledger
      .http()
      .post(routeOf(investment!))
      .set(ledger.auth)
      .set('Idempotency-Key', 'invest-once')
      .send(investment!.body)
      .expect(201);
    // The answers within one process are test/api/deal/idempotency.api-spec.ts; this is about the SQLite file.
    await ledger.close();

    ledger = await startTestLedger({ dataDir: data.dir });
    try {
      const afterRestart = await ledger
        .http()
        .post(routeOf(investment!))
        .set(ledger.auth)
        .set('Idempotency-Key', 'invest-once')
        .send(investment!.body);
      expect(afterRestart.status).toBe(201);
      expect(afterRestart.headers['idempotent-replayed']).toBe('true');
      expect(afterRestart.body).toEqual(first.body);
      expect(afterRestart.headers.etag).toBe(first.headers.etag);

      const events = (await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}/events`).expect(200)).body.events;
      expect(events.filter((e: { type: string }) => e.type === 'InvestmentAnnounced.v2')).toHaveLength(1);

      const reused = await ledger
        .http()
        .post(routeOf(investment!))
        .set(ledger.auth)
        .set('Idempotency-Key', 'invest-once')
        .send({ ...investment!.body, instruments: ['equity'] });
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    } finally {
      await ledger.close();
    }
  });
});
