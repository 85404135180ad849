import { ACCESS_LOG_STREAM } from '#application';
import { dealStreamName } from '#domain';
import type { RecordedEvent } from '#event-store';
import { routeOf, type SeedLine } from '../../support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from '../../support/test-ledger.js';
import { apiSpecification, expectError, expectNoEvents, expectResponse } from '../support/api-specification.js';
import { dealLines, freshDealId } from '../support/fresh-deal.js';

/**
 * `?dryRun=true` on the deal command routes, over real HTTP and a real SQLite file: what a
 * dry run answers is what the real call with the same Idempotency-Key then writes.
 */
describe('a command sent as a dry run', () => {
  const data = tempDataDir();
  let ledger: TestLedger;
  const current = {
    get current() {
      return ledger;
    },
  };
  const spec = apiSpecification(current);
  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
  });
  afterAll(async () => {
    await ledger?.close();
    data.remove();
  });

  /** Every deal command route once: the reference deal's lines, then a retraction. */
  const everyRoute = (dealId: string): SeedLine[] => [
    ...dealLines(dealId, 'all'),
    {
      command: 'RetractReport',
      dealId,
      figureId: 'capacity-terbium',
      body: { reason: 'the refinery plan no longer includes terbium (hypothetical)', source: { publisher: 'Caremag', tier: 'primary' }, reportedAt: '2026-03-02' },
    },
  ];
  const keyOf = (line: SeedLine, dealId: string) => `${dealId}-${line.commandId ?? line.command}`;
  const send = (line: SeedLine, key: string, query = '') => (http: ReturnType<TestLedger['http']>) =>
    http.post(`${routeOf(line)}${query}`).set('Idempotency-Key', key).send(line.body);
  const stored = ({ type, data, metadata }: RecordedEvent) => ({ type, data, metadata });

  it('on every write route, answers 200 with the events the real call under the same key then writes, writing none', async () => {
    const dealId = freshDealId('dry-run');
    const routes = new Set<string>();
    for (const line of everyRoute(dealId)) {
      const key = keyOf(line, dealId);
      const dryRun = await spec().when(send(line, key, '?dryRun=true')).then(expectNoEvents());
      const real = await spec().when(send(line, key)).then(expectResponse(201));
      routes.add(routeOf({ ...line, dealId: ':dealId', figureId: ':figureId' }));

      expect({ status: dryRun.response.status, dryRunHeader: dryRun.response.headers['dry-run'] }).toEqual({ status: 200, dryRunHeader: 'true' });
      // Byte for byte what the store was handed, metadata included (actor, command id and
      // fingerprint, correlation and causation ids): both calls send the same headers. What the
      // store adds at the append (revision, position, recordedAt, hash) is not part of either.
      // Names are read back as every answer reads them (the store holds their tokens).
      expect(dryRun.response.body.wouldWrite).toEqual(ledger.runtime.personalData.resolver.resolve(real.written.map(stored)));
      expect(dryRun.response.body).toMatchObject({
        dryRun: true,
        dealId,
        eventTypes: real.response.body.eventTypes,
        figureIds: real.response.body.figureIds,
        replayed: false,
      });
      // Decided on the revision before the real call's write: the ETag to send as If-Match.
      const before = real.response.body.revision - real.written.length;
      expect(dryRun.response.body.revision).toBe(before < 0 ? null : before);
      // Before the deal exists there is no revision (Express may still tag the body, weakly).
      if (before < 0) expect(dryRun.response.headers.etag ?? '').not.toMatch(/^"\d+"$/);
      else expect(dryRun.response.headers.etag).toBe(`"${before}"`);
    }
    expect(routes.size).toBe(11);
  });

  it('answers a key already used as its replay: the first answer, nothing to write', async () => {
    const dealId = freshDealId('dry-run');
    const [register, investment] = dealLines(dealId);
    await send(register!, keyOf(register!, dealId))(ledger.http()).expect(201);
    const first = await send(investment!, keyOf(investment!, dealId))(ledger.http()).expect(201);
    await spec()
      .when(send(investment!, keyOf(investment!, dealId), '?dryRun=true'))
      .then(
        expectResponse(200, {
          body: { dryRun: true, replayed: true, wouldWrite: [], revision: first.body.revision, eventTypes: first.body.eventTypes },
          headers: { 'dry-run': 'true', 'idempotent-replayed': 'true', etag: first.headers.etag! },
        }),
        expectNoEvents(),
      );
  });

  it('is refused as the real call is, with the same status and body, and writes nothing', async () => {
    const dealId = freshDealId('dry-run');
    const [register, investment] = dealLines(dealId);
    await send(register!, keyOf(register!, dealId))(ledger.http()).expect(201);
    await send(investment!, keyOf(investment!, dealId))(ledger.http()).expect(201);
    // The same facts under another key: the figure ids are taken.
    const again = { ...investment!, commandId: 'again' };
    const dryRun = await spec().when(send(again, `${dealId}-again`, '?dryRun=true')).then(expectError(409, 'FIGURE.ALREADY_EXISTS'), expectNoEvents());
    const real = await spec().when(send(again, `${dealId}-again`)).then(expectNoEvents());
    expect({ status: dryRun.response.status, body: dryRun.response.body }).toEqual({ status: real.response.status, body: real.response.body });
    expect(dryRun.response.headers['dry-run']).toBeUndefined();

    const stale = await spec()
      .when((http) => send(again, `${dealId}-stale`, '?dryRun=true')(http.set('If-Match', '"0"')))
      .then(expectError(412, 'CONCURRENCY.STALE_REVISION'), expectNoEvents());
    expect(stale.response.body.details).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
  });

  it.each(['maybe', 'TRUE', '1', ''])('refuses dryRun=%s with a 400 naming the field, and writes nothing', async (value) => {
    const dealId = freshDealId('dry-run');
    const [register] = dealLines(dealId);
    await spec().when(send(register!, keyOf(register!, dealId), `?dryRun=${value}`)).then(expectError(400, 'REQUEST.VALIDATION_FAILED', 'dryRun'), expectNoEvents());
  });

  it('refuses dryRun given twice, even twice true', async () => {
    const dealId = freshDealId('dry-run');
    const [register] = dealLines(dealId);
    await spec()
      .when(send(register!, keyOf(register!, dealId), '?dryRun=true&dryRun=true'))
      .then(expectError(400, 'REQUEST.VALIDATION_FAILED', 'dryRun'), expectNoEvents());
  });

  it('with dryRun=false, records as without it', async () => {
    const dealId = freshDealId('dry-run');
    const [register] = dealLines(dealId);
    await spec()
      .when(send(register!, keyOf(register!, dealId), '?dryRun=false'))
      .then(expectResponse(201, { body: { revision: 0 } }), ({ written }) => expect(written.map((e) => e.streamId)).toEqual([dealStreamName(dealId)]));
  });

  it('leaves no entry in the access log (it records audit reads only)', async () => {
    const dealId = freshDealId('dry-run');
    const [register] = dealLines(dealId);
    const logged = async () => (await ledger.runtime.store.readStream(ACCESS_LOG_STREAM)).length;
    const before = await logged();
    await send(register!, keyOf(register!, dealId), '?dryRun=true')(ledger.http()).expect(200);
    expect(await logged()).toBe(before);
  });
});
