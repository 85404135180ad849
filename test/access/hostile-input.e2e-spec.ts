import { gzipSync } from 'node:zlib';
import { REFERENCE_DEAL_ID, referenceDealLines, routeOf } from '../support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';

/**
 * Named cases of input that must not hurt, each with the code and field a caller gets:
 * the fuzz suite shows that no such request gets through; these show what it is told.
 */
describe('input that cannot hurt', () => {
  const data = tempDataDir();
  let ledger: TestLedger;
  const register = referenceDealLines()[0]!;

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
  });
  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  async function expectNothingWritten(send: () => Promise<{ status: number; body: { code?: string; field?: string } }>) {
    const before = await ledger.runtime.store.headPosition();
    const answer = await send();
    expect(await ledger.runtime.store.headPosition()).toBe(before);
    return answer;
  }

  it.each([
    ['at the top', `{"__proto__": {"admin": true}, "title": "x"}`, 'body.__proto__'],
    ['deep inside', `{"parties": [{"partyId": "a", "constructor": {"prototype": {"polluted": 1}}}]}`, 'body.parties[0].constructor'],
    ['as prototype', `{"source": {"prototype": 1}}`, 'body.source.prototype'],
  ])('refuses a prototype-pollution key %s, naming where it is', async (_, raw, field) => {
    const answer = await expectNothingWritten(() =>
      ledger.http().post('/deals').set('Content-Type', 'application/json').send(raw),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'REQUEST.FORBIDDEN_KEY', field });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a prototype-pollution key in the query', async () => {
    const answer = await ledger.http().get('/deals?__proto__=1');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'REQUEST.FORBIDDEN_KEY', field: 'query.__proto__' });
  });

  it('refuses JSON nested deeper than any request of the ledger', async () => {
    const raw = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const answer = await expectNothingWritten(() => ledger.http().post('/deals').set('Content-Type', 'application/json').send(raw));
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('REQUEST.TOO_DEEP');
  });

  it('refuses a body that does not decode as its Content-Encoding says', async () => {
    const answer = await expectNothingWritten(() =>
      ledger.http().post('/deals').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"not": "gzip"}'),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('REQUEST.MALFORMED_ENCODING');
  });

  it('accepts a body that is really gzip: the encoding is supported, not merely refused', async () => {
    const answer = await ledger
      .http()
      .post(routeOf(register))
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      // Sent as the bytes they are: supertest would otherwise JSON-encode the Buffer.
      .serialize((body: Buffer) => body as unknown as string)
      .send(gzipSync(JSON.stringify(register.body)));
    expect(answer.status).toBe(201);
    expect(answer.body.dealId).toBe(REFERENCE_DEAL_ID);
  });

  it('refuses an array where a durable subscription filter (an object) belongs', async () => {
    const answer = await ledger.http().post('/subscriptions/durable').send({ name: 'risk', filter: [{ types: ['FigureRevised.v1'] }] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', field: 'filter' });
    await ledger.http().get('/subscriptions/durable/risk').expect(404);
  });

  it.each(['$all', '$ce-deal', '..', '%2e%2e', 'a%2Fb', 'x'.repeat(101)])('refuses the deal id %s before any store call', async (dealId) => {
    const answer = await expectNothingWritten(() =>
      ledger.http().post(`/deals/${dealId}/notes`).send({ text: 'x', source: { publisher: 'p', publishedAt: '2025-03-17' } }),
    );
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(typeof answer.body.code).toBe('string');
  });
});
