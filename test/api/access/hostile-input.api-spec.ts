import { gzipSync } from 'node:zlib';
import { apiSpecification, expectError, expectNoEvents, expectResponse } from '../support/api-specification.js';
import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId } from '../support/fresh-deal.js';

/**
 * Named cases of input that must not hurt, each with the code and field a caller gets:
 * the fuzz suite shows that no such request gets through; these show what it is told.
 */
describe('input that cannot hurt', () => {
  const ledger = useApiLedger();
  const spec = apiSpecification(ledger);

  it.each([
    ['at the top', `{"__proto__": {"admin": true}, "title": "x"}`, 'body.__proto__'],
    ['deep inside', `{"parties": [{"partyId": "a", "constructor": {"prototype": {"polluted": 1}}}]}`, 'body.parties[0].constructor'],
    ['as prototype', `{"source": {"prototype": 1}}`, 'body.source.prototype'],
  ])('refuses a prototype-pollution key %s, naming where it is', async (_, raw, field) => {
    await spec()
      .when((http) => http.post('/deals').set('Content-Type', 'application/json').send(raw))
      .then(expectError(400, 'REQUEST.FORBIDDEN_KEY', field), expectNoEvents());
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a prototype-pollution key in the query', async () => {
    await spec()
      .when((http) => http.get('/deals?__proto__=1'))
      .then(expectError(400, 'REQUEST.FORBIDDEN_KEY', 'query.__proto__'));
  });

  it('refuses JSON nested deeper than any request of the ledger', async () => {
    const raw = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    await spec()
      .when((http) => http.post('/deals').set('Content-Type', 'application/json').send(raw))
      .then(expectError(400, 'REQUEST.TOO_DEEP'), expectNoEvents());
  });

  it('refuses a body that does not decode as its Content-Encoding says', async () => {
    await spec()
      .when((http) => http.post('/deals').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"not": "gzip"}'))
      .then(expectError(400, 'REQUEST.MALFORMED_ENCODING'), expectNoEvents());
  });

  it('accepts a body that is really gzip: the encoding is supported, not merely refused', async () => {
    const dealId = freshDealId('gzip');
    const [register] = dealLines(dealId);
    await spec()
      .when((http) =>
        http
          .post('/deals')
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', 'gzip')
          // Sent as the bytes they are: supertest would otherwise JSON-encode the Buffer.
          .serialize((body: Buffer) => body as unknown as string)
          .send(gzipSync(JSON.stringify(register!.body))),
      )
      .then(expectResponse(201, { body: { dealId } }));
  });

  it('refuses an array where a durable subscription filter (an object) belongs', async () => {
    await spec()
      .when((http) => http.post('/subscriptions/durable').send({ name: 'risk', filter: [{ types: ['FigureRevised.v2'] }] }))
      .then(expectError(400, 'REQUEST.VALIDATION_FAILED', 'filter'));
    await ledger.current.http().get('/subscriptions/durable/risk').expect(404);
  });

  it.each(['$all', '$ce-deal', '..', '%2e%2e', 'a%2Fb', 'x'.repeat(101)])('refuses the deal id %s before any store call', async (dealId) => {
    const { response } = await spec()
      .when((http) => http.post(`/deals/${dealId}/notes`).send({ text: 'x', source: { publisher: 'p', publishedAt: '2025-03-17' } }))
      .then(expectNoEvents());
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(typeof response.body.code).toBe('string');
  });
});
