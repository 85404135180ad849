import { REFERENCE_DEAL_ID, referenceDealLines, routeOf } from './support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from './support/test-ledger.js';

const CLIENTS = 16;
const ATTEMPTS_PER_CLIENT = 50;

/**
 * 16 writers race to revise one figure, each sending If-Match with the revision it last
 * read. Optimistic concurrency must let exactly one writer win each revision.
 */
describe('concurrent revisions of one figure with If-Match', () => {
  const data = tempDataDir();
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
    for (const line of referenceDealLines().slice(0, 2)) {
      await ledger.http().post(routeOf(line)).set(ledger.auth).send(line.body).expect(201);
    }
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it('ends every attempt in 201 or 412 and loses no update', async () => {
    const outcomes: { status: number; amount: string; revision?: number }[] = [];

    const client = async (clientNo: number) => {
      for (let attempt = 0; attempt < ATTEMPTS_PER_CLIENT; attempt++) {
        const current = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}`);
        const amount = String(clientNo * 1000 + attempt + 1);
        const response = await ledger
          .http()
          .post(`/deals/${REFERENCE_DEAL_ID}/figures/investment-amount/revisions`)
          .set(ledger.auth)
          .set('If-Match', current.headers.etag)
          .send({
            value: { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'exact', amount },
            source: { publisher: 'Load test', tier: 'primary' },
            reportedAt: '2025-09-15',
          });
        outcomes.push({ status: response.status, amount, revision: response.body.revision });
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));

    expect(outcomes).toHaveLength(CLIENTS * ATTEMPTS_PER_CLIENT);
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 412)).toEqual([]);
    const successes = outcomes.filter((o) => o.status === 201);
    expect(successes.length).toBeGreaterThan(0);

    const events = (await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}/events?limit=1000`).expect(200)).body.events;
    const revisions = events.filter((e: { type: string }) => e.type === 'FigureRevised.v2');
    // The stream holds exactly the successes: nothing lost, nothing duplicated.
    expect(revisions.map((e: { data: { value: { amount: string } } }) => e.data.value.amount).sort()).toEqual(
      successes.map((s) => s.amount).sort(),
    );
    expect(events.map((e: { revision: number }) => e.revision)).toEqual(events.map((_: unknown, i: number) => i));
    expect(new Set(successes.map((s) => s.revision)).size).toBe(successes.length);
  });
});
