import { apiSpecification, expectError, expectNoEvents } from './support/api-specification.js';
import { useApiLedger } from './support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from './support/fresh-deal.js';

/** Each row's deal: registered with its investment announced (so `investment-amount` exists). */
interface Deal {
  id: string;
  path: string;
  register: Record<string, any>;
  investment: Record<string, any>;
}

interface Case {
  name: string;
  path: (deal: Deal) => string;
  body?: (deal: Deal) => unknown;
  raw?: string;
  headers?: Record<string, string>;
  auth?: 'none' | 'wrong';
  status: number;
  code: string;
  field?: string;
  /** What the answer's message must say, when the wording is the point of the row. */
  message?: string;
}

const withAmountValue = (deal: Deal, value: Record<string, unknown>) => ({
  ...deal.investment,
  amount: { ...deal.investment.amount, figureId: undefined, value: { ...deal.investment.amount.value, ...value } },
});
/** A new deal's registration: only the field under test is wrong. */
const registerOther = (deal: Deal, change: Record<string, unknown>) => ({ ...deal.register, dealId: `${deal.id}-other`, ...change });
const deals = () => '/deals';
/** The deal's investment announced again as new figures (ids of their own), with `change` made to the amount's report. */
const investmentReport = (deal: Deal, change: Record<string, unknown>) => ({
  ...deal.investment,
  amount: { ...deal.investment.amount, figureId: undefined, ...change },
  timeframe: { ...deal.investment.timeframe, figureId: undefined },
});

/** Each row: a bad request, the 4xx it must get, its stable code and field, and no event written. */
const cases: Case[] = [
  { name: 'no API key', path: deals, body: (d) => d.register, auth: 'none', status: 401, code: 'AUTH.UNAUTHENTICATED' },
  { name: 'an unknown API key', path: deals, body: (d) => d.register, auth: 'wrong', status: 401, code: 'AUTH.UNAUTHENTICATED' },
  { name: 'malformed JSON', path: deals, raw: '{"dealId": "x",', status: 400, code: 'REQUEST.MALFORMED_JSON' },
  { name: 'a body over 256 KiB', path: deals, body: (d) => registerOther(d, { title: 'x'.repeat(300 * 1024) }), status: 413, code: 'REQUEST.BODY_TOO_LARGE' },
  { name: 'a JSON array body', path: deals, body: (d) => [d.register], status: 400, code: 'REQUEST.VALIDATION_FAILED' },
  { name: 'an empty body', path: deals, body: () => ({}), status: 400, code: 'REQUEST.VALIDATION_FAILED' },
  { name: 'an unknown field', path: deals, body: (d) => registerOther(d, { colour: 'red' }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'colour' },
  { name: 'a missing field', path: deals, body: (d) => registerOther(d, { title: undefined }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'title', message: 'title is required' },
  { name: 'a retraction without its reason', path: (d) => `${d.path}/figures/${d.investment.amount.figureId}/retractions`, body: () => ({}), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'reason', message: 'reason is required' },
  { name: 'a wrong type', path: deals, body: (d) => registerOther(d, { title: 42 }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'title' },
  { name: 'an id with a slash', path: deals, body: (d) => ({ ...d.register, dealId: 'a/b' }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'dealId' },
  { name: 'an id starting with $', path: deals, body: (d) => ({ ...d.register, dealId: '$all' }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'dealId' },
  { name: 'an id of 101 characters', path: deals, body: (d) => ({ ...d.register, dealId: 'd'.repeat(101) }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'dealId' },
  { name: 'a bad path id', path: () => '/deals/$bad/investments', body: (d) => d.investment, status: 400, code: 'ID.INVALID', field: 'dealId' },
  { name: 'a bad figure id in the path', path: (d) => `${d.path}/figures/a..b%24/revisions`, body: (d) => ({ value: d.investment.amount.value, source: d.investment.amount.source, reportedAt: '2025-09-15' }), status: 400, code: 'ID.INVALID', field: 'figureId' },
  { name: 'a party kind outside the list', path: deals, body: (d) => registerOther(d, { parties: [{ ...d.register.parties[0], kind: 'alien' }] }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'parties[0].kind' },
  { name: 'a bad date', path: deals, body: (d) => registerOther(d, { reportedAt: '2025-02-30' }), status: 400, code: 'TIME.INVALID_TIMESTAMP', field: 'reportedAt' },
  { name: 'a report dated after the moment of recording', path: deals, body: (d) => registerOther(d, { reportedAt: '2099-01-01' }), status: 400, code: 'TIME.REPORTED_AFTER_RECORDING', field: 'reportedAt' },
  { name: 'a source published after the moment of recording', path: (d) => `${d.path}/investments`, body: (d) => investmentReport(d, { source: { ...d.investment.amount.source, publishedAt: '2099-01-01T00:00:00Z' } }), status: 400, code: 'TIME.REPORTED_AFTER_RECORDING', field: 'amount.source.publishedAt' },
  { name: 'an effectiveAt of 1800-01-01', path: (d) => `${d.path}/investments`, body: (d) => investmentReport(d, { effectiveAt: '1800-01-01' }), status: 400, code: 'TIME.EFFECTIVE_AT_IMPLAUSIBLE', field: 'amount.effectiveAt' },
  { name: 'an effectiveAt two centuries ahead', path: (d) => `${d.path}/figures/${d.investment.amount.figureId}/revisions`, body: (d) => ({ value: { ...d.investment.amount.value, amount: '90000000' }, source: d.investment.amount.source, reportedAt: '2025-09-15', effectiveAt: '2225-01-01' }), status: 400, code: 'TIME.EFFECTIVE_AT_IMPLAUSIBLE', field: 'effectiveAt' },
  { name: 'an override without its reason', path: (d) => `${d.path}/investments`, body: (d) => ({ ...investmentReport(d, { effectiveAt: '1800-01-01' }), plausibilityOverride: {} }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'plausibilityOverride.reason', message: 'plausibilityOverride.reason is required' },
  { name: 'a null override', path: (d) => `${d.path}/investments`, body: (d) => ({ ...investmentReport(d, { effectiveAt: '1800-01-01' }), plausibilityOverride: null }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'plausibilityOverride' },
  { name: 'an override with a blank reason', path: (d) => `${d.path}/investments`, body: (d) => ({ ...investmentReport(d, { effectiveAt: '1800-01-01' }), plausibilityOverride: { reason: '' } }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'plausibilityOverride.reason' },
  { name: 'a number where a decimal string belongs', path: (d) => `${d.path}/investments`, body: (d) => withAmountValue(d, { amount: 110000000 }), status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'amount.value.amount' },
  { name: 'a currency that is not ISO 4217', path: (d) => `${d.path}/investments`, body: (d) => withAmountValue(d, { measure: { kind: 'money', currency: 'ABC' } }), status: 400, code: 'MONEY.INVALID_CURRENCY', field: 'amount.value.measure.currency' },
  { name: 'a garbled decimal', path: (d) => `${d.path}/investments`, body: (d) => withAmountValue(d, { amount: '1e9' }), status: 400, code: 'FIGURE.INVALID_DECIMAL', field: 'amount.value.amount' },
  { name: 'a range with min > max', path: (d) => `${d.path}/investments`, body: (d) => withAmountValue(d, { qualifier: 'range', amount: undefined, conversions: undefined, min: '9', max: '1' }), status: 400, code: 'FIGURE.RANGE_MIN_GREATER_THAN_MAX' },
  { name: 'a value on an undisclosed figure', path: (d) => `${d.path}/investments`, body: (d) => withAmountValue(d, { qualifier: 'undisclosed', conversions: undefined }), status: 400, code: 'FIGURE.VALUE_ON_UNDISCLOSED' },
  { name: 'a converted amount without its rate', path: (d) => `${d.path}/investments`, body: (d) => withAmountValue(d, { conversions: [{ currency: 'USD', amount: '120000000' }] }), status: 400, code: 'MONEY.CONVERSION_WITHOUT_RATE', field: 'amount.value.conversions[0].rate' },
  { name: 'a malformed percent-encoding in the path', path: () => '/deals/%E0%A4%A/investments', body: (d) => d.investment, status: 400, code: 'REQUEST.MALFORMED_URI' },
  { name: 'a percentage over 100', path: (d) => `${d.path}/stakes`, body: (d) => ({ holder: 'jogmec', target: 'caremag', stake: { value: { measure: { kind: 'percentage' }, qualifier: 'exact', amount: '130' }, source: d.investment.amount.source, reportedAt: '2025-06-02' } }), status: 400, code: 'FIGURE.PERCENTAGE_OUT_OF_RANGE' },
  { name: 'a party not on the deal', path: (d) => `${d.path}/investments`, body: (d) => ({ ...d.investment, investors: ['jogmec', 'nobody'] }), status: 400, code: 'DEAL.UNKNOWN_PARTY' },
  { name: 'an unknown deal', path: () => '/deals/no-such-deal/investments', body: (d) => d.investment, status: 404, code: 'DEAL.NOT_FOUND' },
  { name: 'an unknown figure', path: (d) => `${d.path}/figures/no-such-figure/retractions`, body: () => ({ reason: 'test' }), status: 404, code: 'FIGURE.NOT_FOUND' },
  { name: 'a registered deal registered again', path: deals, body: (d) => d.register, status: 409, code: 'DEAL.ALREADY_REGISTERED' },
  { name: 'a malformed If-Match', path: (d) => `${d.path}/investments`, body: (d) => d.investment, headers: { 'If-Match': 'W/"1"' }, status: 400, code: 'REQUEST.INVALID_IF_MATCH' },
  { name: 'a bad Idempotency-Key', path: (d) => `${d.path}/investments`, body: (d) => d.investment, headers: { 'Idempotency-Key': 'no spaces allowed' }, status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'Idempotency-Key' },
  { name: 'an unknown route', path: () => '/nowhere', body: () => ({}), status: 404, code: 'ROUTE.NOT_FOUND' },
];

describe('bad input: a clear 4xx, a stable code, and nothing written', () => {
  const ledger = useApiLedger();
  const spec = apiSpecification(ledger);

  it.each(cases)('$name → $status $code', async (c) => {
    const id = freshDealId('bad-input');
    const [register, investment] = dealLines(id);
    const deal: Deal = { id, path: `/deals/${id}`, register: register!.body, investment: investment!.body };
    await spec(recordedLines([register!, investment!]))
      .when((http, anonymous) => {
        // `http` carries analyst-1's key; the rows about credentials start from no credential at all.
        let call = c.auth === undefined ? http.post(c.path(deal)) : anonymous.post(c.path(deal));
        if (c.auth === 'wrong') call = call.set('Authorization', 'Bearer nope');
        for (const [name, value] of Object.entries(c.headers ?? {})) call = call.set(name, value);
        return c.raw !== undefined ? call.set('Content-Type', 'application/json').send(c.raw) : call.send(c.body!(deal) as object);
      })
      .then(expectError(c.status, c.code, c.field), expectNoEvents(), ({ response }) => {
        if (c.message !== undefined) expect(response.body.message).toBe(c.message);
      });
  });
});
