import { dealStreamName } from '#domain';
import { acceptedRequest, apiSpecification, expectError, expectNewEvents, expectNoEvents, expectResponse } from '../support/api-specification.js';
import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';
import { routeOf } from '../../support/reference-deal.js';

/** Answers to an Idempotency-Key (a restart in between is test/idempotency-restart.e2e-spec.ts). */
describe('a command sent again with its Idempotency-Key', () => {
  const ledger = useApiLedger();
  const spec = apiSpecification(ledger);

  const aDeal = () => {
    const [register, investment] = dealLines(freshDealId('idempotency'));
    // Keys are the ledger's, not the deal's: each case has its own.
    const key = `invest-${investment!.dealId}`;
    const announce = (body = investment!.body) => (http: ReturnType<typeof ledger.current.http>) =>
      http.post(routeOf(investment!)).set('Idempotency-Key', key).send(body);
    return { registered: recordedLines([register!]), announce, stream: dealStreamName(investment!.dealId!), investment: investment! };
  };

  it('is recorded the first time, with no replay header', async () => {
    const deal = aDeal();
    const { response } = await spec(deal.registered)
      .when(deal.announce())
      .then(expectResponse(201, { body: { revision: 1 }, headers: { etag: '"1"' } }), expectNewEvents(deal.stream, [{ type: 'InvestmentAnnounced.v2' }]));
    expect(response.headers['idempotent-replayed']).toBeUndefined();
  });

  it('gets the first answer again, says it is a replay, and writes nothing', async () => {
    const deal = aDeal();
    await deal.registered(ledger.current);
    const original = await deal.announce()(ledger.current.http()).expect(201);
    const { response } = await spec()
      .when(deal.announce())
      .then(expectResponse(201, { body: original.body, headers: { 'idempotent-replayed': 'true', etag: original.headers.etag! } }), expectNoEvents());
    expect(response.body).toEqual(original.body);
  });

  it('refuses the key reused for another command: 422 IDEMPOTENCY.KEY_REUSED, nothing written', async () => {
    const deal = aDeal();
    await spec(deal.registered, acceptedRequest(deal.announce()))
      .when(deal.announce({ ...deal.investment.body, instruments: ['equity'] }))
      .then(expectError(422, 'IDEMPOTENCY.KEY_REUSED'), expectNoEvents());
  });
});
