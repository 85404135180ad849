import { laterHypotheticalLines, REFERENCE_DEAL_ID, referenceDealLines, routeOf } from '../support/reference-deal.js';
import { tempDataDir } from '../support/test-ledger.js';
import { describeWithKurrentDb, SERVER_START_TIMEOUT_MS, startKurrentDb, uniqueStreamPrefix, type KurrentDbServer } from './support/kurrentdb-target.js';
import { startReplica, type LedgerReplica } from './support/kurrentdb-ledger.js';

/**
 * The reference deal recorded over HTTP into a real KurrentDB, read by replicas that each
 * keep their read models in their own SQLite file: read-your-writes across replicas, a
 * replica resuming from its checkpoint, a new one building itself from the start.
 */
describeWithKurrentDb('the reference deal on KurrentDB, across replicas', () => {
  let server: KurrentDbServer;
  const streamPrefix = uniqueStreamPrefix('refdeal');
  const dirs = [tempDataDir(), tempDataDir(), tempDataDir()];
  let a: LedgerReplica;
  let b: LedgerReplica;

  beforeAll(async () => {
    server = await startKurrentDb();
    const start = (i: number) => startReplica({ connectionString: server.connectionString, streamPrefix, dataDir: dirs[i]!.dir });
    a = await start(0);
    b = await start(1);
    for (const line of referenceDealLines()) {
      const response = await a.http().post(routeOf(line)).set(a.auth).set('Idempotency-Key', line.commandId!).send(line.body);
      expect({ line: line.commandId, status: response.status, body: response.body }).toMatchObject({ status: 201 });
    }
  }, SERVER_START_TIMEOUT_MS);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
    for (const dir of dirs) dir.remove();
  });

  it('reads the deal back on the replica that wrote it, every figure as reported', async () => {
    const response = await a.http().get(`/deals/${REFERENCE_DEAL_ID}`).expect(200);
    expect(response.headers.etag).toBe('"11"');
    expect(response.body.figures).toHaveLength(10);
    const amount = response.body.figures.find((f: { figureId: string }) => f.figureId === 'investment-amount');
    expect(amount.display).toContain('up to EUR 110,000,000');
    const events = await a.http().get(`/deals/${REFERENCE_DEAL_ID}/events`).expect(200);
    expect(events.body.events).toHaveLength(12);
    expect(events.body.events[0]).toMatchObject({
      type: 'DealRegistered.v2',
      metadata: { actor: 'analyst-1', commandId: 'caremag-2025-fact-00', correlationId: 'caremag-2025-fact-00' },
    });
  });

  it('serves a write made on one replica on another that is asked for its position', async () => {
    const [revision] = laterHypotheticalLines().filter((l) => l.figureId === 'investment-amount');
    const written = await a.http().post(routeOf(revision!)).set(a.auth).set('If-Match', '"11"').send(revision!.body).expect(201);
    const read = await b.http().get(`/deals/${REFERENCE_DEAL_ID}`).query({ minPosition: written.body.position }).expect(200);
    expect(read.body).toMatchObject({ revision: 12, position: written.body.position });
  });

  it('records a retried command once, on any replica (idempotency from the deal’s own stream)', async () => {
    const [line] = referenceDealLines().filter((l) => l.command === 'RecordNote');
    const again = await b.http().post(routeOf(line!)).set(b.auth).set('Idempotency-Key', line!.commandId!).send(line!.body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await b.http().get(`/deals/${REFERENCE_DEAL_ID}/events`).expect(200)).body.events).toHaveLength(13);
  });

  it('resumes a restarted replica from its checkpoint, and builds a new one from the start', async () => {
    const head = await a.runtime.store.headPosition();
    await b.runtime.runner.catchUp();
    await b.close();
    b = await startReplica({ connectionString: server.connectionString, streamPrefix, dataDir: dirs[1]!.dir });
    // Read from its checkpoint before anything new arrives: nothing is replayed.
    expect(b.runtime.runner.position).toBe(head);

    const fresh = await startReplica({ connectionString: server.connectionString, streamPrefix, dataDir: dirs[2]!.dir });
    try {
      const read = await fresh.http().get(`/deals/${REFERENCE_DEAL_ID}`).set('Min-Position', String(head)).expect(200);
      expect(read.body.revision).toBe(12);
    } finally {
      await fresh.close();
    }
  });
});
