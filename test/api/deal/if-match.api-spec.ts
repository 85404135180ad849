import { dealStreamName } from '#domain';
import { apiSpecification, expectError, expectNewEvents, expectNoEvents, expectResponse } from '../support/api-specification.js';
import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';

/**
 * If-Match carries the deal revision a writer last read (its ETag); a write against an
 * older one is refused. The race of many writers over SQLite is test/concurrency.e2e-spec.ts.
 */
describe('If-Match and ETag on a deal', () => {
  const ledger = useApiLedger();
  const spec = apiSpecification(ledger);

  /** A deal at revision 1: registered, its investment announced. */
  const aDeal = () => {
    const dealId = freshDealId('if-match');
    return { dealId, given: recordedLines(dealLines(dealId).slice(0, 2)), stream: dealStreamName(dealId) };
  };
  const revision = (amount: string) => ({
    value: { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'exact', amount },
    source: { publisher: 'Load test', tier: 'primary' },
    reportedAt: '2025-09-15',
  });

  it('reads a deal with its revision as a strong ETag', async () => {
    const deal = aDeal();
    await spec(deal.given)
      .when((http) => http.get(`/deals/${deal.dealId}`))
      .then(expectResponse(200, { body: { dealId: deal.dealId, revision: 1 }, headers: { etag: '"1"' } }), expectNoEvents());
  });

  it('records a revision sent with the current ETag, answering the next one', async () => {
    const deal = aDeal();
    await spec(deal.given)
      .when((http) => http.post(`/deals/${deal.dealId}/figures/investment-amount/revisions`).set('If-Match', '"1"').send(revision('95000000')))
      .then(
        expectResponse(201, { body: { revision: 2 }, headers: { etag: '"2"' } }),
        expectNewEvents(deal.stream, [{ type: 'FigureRevised.v2', data: { figureId: 'investment-amount', value: { amount: '95000000' } } }]),
      );
  });

  it('refuses a stale ETag with 412 CONCURRENCY.STALE_REVISION and writes nothing', async () => {
    const deal = aDeal();
    const { response } = await spec(deal.given)
      .when((http) => http.post(`/deals/${deal.dealId}/figures/investment-amount/revisions`).set('If-Match', '"0"').send(revision('1')))
      .then(expectError(412, 'CONCURRENCY.STALE_REVISION'), expectNoEvents());
    expect(response.body.details).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
  });

  it('refuses an If-Match on a deal that does not exist yet as stale, not as unknown', async () => {
    const dealId = freshDealId('if-match-none');
    const { response } = await spec()
      .when((http) => http.post(`/deals/${dealId}/notes`).set('If-Match', '"0"').send({ text: 'x', source: { publisher: 'p', tier: 'primary' }, reportedAt: '2025-03-17' }))
      .then(expectError(412, 'CONCURRENCY.STALE_REVISION'), expectNoEvents());
    expect(response.body.details).toMatchObject({ expectedRevision: 0, actualRevision: 'no_stream' });
  });
});
