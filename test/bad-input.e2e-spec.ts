import { REFERENCE_DEAL_ID, referenceDealLines, routeOf } from './support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from './support/test-ledger.js';

const [registerLine, investmentLine] = referenceDealLines();
const investment = investmentLine!.body as Record<string, any>;
const register = registerLine!.body as Record<string, any>;
const deal = `/deals/${REFERENCE_DEAL_ID}`;

const withAmountValue = (value: Record<string, unknown>) => ({
  ...investment,
  amount: { ...investment.amount, figureId: undefined, value: { ...investment.amount.value, ...value } },
});

interface Case {
  name: string;
  path: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  auth?: 'none' | 'wrong';
  status: number;
  code: string;
  field?: string;
}

/** Each row: a bad request, the 4xx it must get, its stable code and field, and no event written. */
const cases: Case[] = [
  { name: 'no API key', path: '/deals', body: register, auth: 'none', status: 401, code: 'AUTH.UNAUTHENTICATED' },
  { name: 'an unknown API key', path: '/deals', body: register, auth: 'wrong', status: 401, code: 'AUTH.UNAUTHENTICATED' },
  { name: 'malformed JSON', path: '/deals', raw: '{"dealId": "x",', status: 400, code: 'REQUEST.MALFORMED_JSON' },
  { name: 'a body over 256 KiB', path: '/deals', body: { ...register, title: 'x'.repeat(300 * 1024) }, status: 413, code: 'REQUEST.BODY_TOO_LARGE' },
  { name: 'a JSON array body', path: '/deals', body: [register], status: 400, code: 'REQUEST.VALIDATION_FAILED' },
  { name: 'an empty body', path: '/deals', body: {}, status: 400, code: 'REQUEST.VALIDATION_FAILED' },
  { name: 'an unknown field', path: '/deals', body: { ...register, dealId: 'other', colour: 'red' }, status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'colour' },
  { name: 'a missing field', path: '/deals', body: { ...register, dealId: 'other', title: undefined }, status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'title' },
  { name: 'a wrong type', path: '/deals', body: { ...register, dealId: 'other', title: 42 }, status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'title' },
  { name: 'an id with a slash', path: '/deals', body: { ...register, dealId: 'a/b' }, status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'dealId' },
  { name: 'an id starting with $', path: '/deals', body: { ...register, dealId: '$all' }, status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'dealId' },
  { name: 'an id of 101 characters', path: '/deals', body: { ...register, dealId: 'd'.repeat(101) }, status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'dealId' },
  { name: 'a bad path id', path: '/deals/$bad/investments', body: investment, status: 400, code: 'ID.INVALID', field: 'dealId' },
  { name: 'a bad figure id in the path', path: `${deal}/figures/a..b%24/revisions`, body: { value: investment.amount.value, source: investment.amount.source, reportedAt: '2025-09-15' }, status: 400, code: 'ID.INVALID', field: 'figureId' },
  { name: 'a party kind outside the list', path: '/deals', body: { ...register, dealId: 'other', parties: [{ ...register.parties[0], kind: 'alien' }] }, status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'parties[0].kind' },
  { name: 'a bad date', path: '/deals', body: { ...register, dealId: 'other', reportedAt: '2025-02-30' }, status: 400, code: 'TIME.INVALID_TIMESTAMP', field: 'reportedAt' },
  { name: 'a number where a decimal string belongs', path: `${deal}/investments`, body: withAmountValue({ amount: 110000000 }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'amount.value.amount' },
  { name: 'a currency that is not ISO 4217', path: `${deal}/investments`, body: withAmountValue({ measure: { kind: 'money', currency: 'ABC' } }), status: 400, code: 'MONEY.INVALID_CURRENCY', field: 'amount.value.measure.currency' },
  { name: 'a garbled decimal', path: `${deal}/investments`, body: withAmountValue({ amount: '1e9' }), status: 400, code: 'FIGURE.INVALID_DECIMAL', field: 'amount.value.amount' },
  { name: 'a range with min > max', path: `${deal}/investments`, body: withAmountValue({ qualifier: 'range', amount: undefined, conversions: undefined, min: '9', max: '1' }), status: 400, code: 'FIGURE.RANGE_MIN_GREATER_THAN_MAX' },
  { name: 'a value on an undisclosed figure', path: `${deal}/investments`, body: withAmountValue({ qualifier: 'undisclosed', conversions: undefined }), status: 400, code: 'FIGURE.VALUE_ON_UNDISCLOSED' },
  { name: 'a converted amount without its rate', path: `${deal}/investments`, body: withAmountValue({ conversions: [{ currency: 'USD', amount: '120000000' }] }), status: 400, code: 'MONEY.CONVERSION_WITHOUT_RATE', field: 'amount.value.conversions[0].rate' },
  { name: 'a malformed percent-encoding in the path', path: '/deals/%E0%A4%A/investments', body: investment, status: 400, code: 'REQUEST.MALFORMED_URI' },
  { name: 'a percentage over 100', path: `${deal}/stakes`, body: { holder: 'jogmec', target: 'caremag', stake: { value: { measure: { kind: 'percentage' }, qualifier: 'exact', amount: '130' }, source: investment.amount.source, reportedAt: '2025-06-02' } }, status: 400, code: 'FIGURE.PERCENTAGE_OUT_OF_RANGE' },
  { name: 'a party not on the deal', path: `${deal}/investments`, body: { ...investment, investors: ['jogmec', 'nobody'] }, status: 400, code: 'DEAL.UNKNOWN_PARTY' },
  { name: 'an unknown deal', path: '/deals/no-such-deal/investments', body: investment, status: 404, code: 'DEAL.NOT_FOUND' },
  { name: 'an unknown figure', path: `${deal}/figures/no-such-figure/retractions`, body: { reason: 'test' }, status: 404, code: 'FIGURE.NOT_FOUND' },
  { name: 'a registered deal registered again', path: '/deals', body: register, status: 409, code: 'DEAL.ALREADY_REGISTERED' },
  { name: 'a malformed If-Match', path: `${deal}/investments`, body: investment, headers: { 'If-Match': 'W/"1"' }, status: 400, code: 'REQUEST.INVALID_IF_MATCH' },
  { name: 'a bad Idempotency-Key', path: `${deal}/investments`, body: investment, headers: { 'Idempotency-Key': 'no spaces allowed' }, status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'Idempotency-Key' },
  { name: 'an unknown route', path: '/nowhere', body: {}, status: 404, code: 'ROUTE.NOT_FOUND' },
];

describe('bad input: a clear 4xx, a stable code, and nothing written', () => {
  const data = tempDataDir();
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
    await ledger.http().post(routeOf(registerLine!)).set(ledger.auth).send(registerLine!.body).expect(201);
    await ledger.http().post(routeOf(investmentLine!)).set(ledger.auth).send(investmentLine!.body).expect(201);
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it.each(cases)('$name → $status $code', async (c) => {
    const head = await ledger.runtime.store.headPosition();
    // `http()` carries analyst-1's key; the rows about credentials start from no credential at all.
    let call = c.auth === undefined ? ledger.http().post(c.path) : ledger.anonymous().post(c.path);
    if (c.auth === 'wrong') call = call.set('Authorization', 'Bearer nope');
    for (const [name, value] of Object.entries(c.headers ?? {})) call = call.set(name, value);
    const response = c.raw !== undefined ? await call.set('Content-Type', 'application/json').send(c.raw) : await call.send(c.body as object);

    expect({ status: response.status, code: response.body.code }).toEqual({ status: c.status, code: c.code });
    if (c.field) expect(response.body.field).toBe(c.field);
    expect(typeof response.body.message).toBe('string');
    expect(await ledger.runtime.store.headPosition()).toBe(head);
  });
});
