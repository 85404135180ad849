import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DurableSubscriptionStore, IMPORTED_SUBSCRIPTIONS_FILE, openSubscriptionDatabase } from '#application';
import type { RecordedEvent } from '#event-store';
import { LedgerClient, type LedgerEvent } from '#client';
import { LEDGER_STREAM_CATEGORIES } from '#runtime';
import { KurrentDbEventStore } from '../../libs/event-store/src/adapters/kurrentdb/kurrentdb-event-store.js';
import { KurrentDbClientDouble } from '../../libs/event-store/src/adapters/kurrentdb/testing/kurrentdb-client-double.js';
import { appendLoad } from '../subscriptions/support/load.js';
import { until } from '../subscriptions/support/raw-sse.js';
import { startTestLedger, tempDataDir, WRITER_KEY, type TestLedger } from '../support/test-ledger.js';

/**
 * A replica of a KurrentDB ledger, its server the client double, listening for real (SSE needs
 * a socket). Replicas share the ledger's signing key, as they must: the first one's file.
 */
async function startReplica(client: KurrentDbClientDouble, dataDir: string, signingKeyFile?: string): Promise<{ ledger: TestLedger; client: () => LedgerClient }> {
  const ledger = await startTestLedger({
    dataDir,
    config: { store: 'kurrentdb', kurrentdb: { connectionString: 'kurrentdb://the-client-double:2113' }, ...(signingKeyFile ? { signingKeyFile } : {}) },
    runtime: { openStore: () => KurrentDbEventStore.overClient(client, { categories: LEDGER_STREAM_CATEGORIES, retryDelayMs: 1, maxRetryDelayMs: 5 }) },
    subscriptions: { heartbeatMs: 200 },
  });
  await ledger.app.listen(0, '127.0.0.1');
  const { port } = ledger.app.getHttpServer().address() as AddressInfo;
  return {
    ledger,
    client: () => new LedgerClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: WRITER_KEY, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } }),
  };
}

/**
 * Issue 17, item 3, over HTTP, on the KurrentDB client DOUBLE (no server runs here): two
 * replicas of the ledger serve one KurrentDB database. A consumer acks part of what replica A
 * delivered, leaves, and connects to replica B: B delivers exactly the events not acked on A.
 */
describe('a durable subscription consumed on one replica and then another (KurrentDB over the client double)', () => {
  const double = new KurrentDbClientDouble();
  const dirs = [tempDataDir(), tempDataDir(), tempDataDir()];
  let a: Awaited<ReturnType<typeof startReplica>>;
  let b: Awaited<ReturnType<typeof startReplica>>;
  let c: Awaited<ReturnType<typeof startReplica>> | undefined;
  const sharedKey = () => join(dirs[0]!.dir, 'checkpoint-signing-key.pem');

  beforeAll(async () => {
    a = await startReplica(double, dirs[0]!.dir);
    b = await startReplica(double, dirs[1]!.dir, sharedKey());
  });

  afterAll(async () => {
    await a?.ledger.close();
    await b?.ledger.close();
    await c?.ledger.close();
    for (const dir of dirs) dir.remove();
  });

  it('delivers on replica B exactly the events replica A did not store as acked: none again, none lost', async () => {
    await appendLoad(a.ledger.runtime.store, { events: 120, writers: 2, batch: 10, prefix: 'replicas' });
    // Read back: KurrentDB's positions have gaps (appendLoad counts SQLite's).
    const positions: string[] = [];
    for await (const event of a.ledger.runtime.store.readAll({ filter: { streamIds: ['deal-replicas-0', 'deal-replicas-1'] } })) positions.push(String(event.position));
    expect(positions).toHaveLength(120);
    await a.client().durable.create({ name: 'risk', filter: { dealIds: ['replicas-0', 'replicas-1'] }, maxInFlight: 20 });
    // The subscription, created on A, is B's too (keeping no file of its own for it).
    expect(await b.client().durable.get('risk')).toMatchObject({ name: 'risk', checkpoint: '0', connected: false });

    const onA: string[] = [];
    const acked = new Set<string>();
    const consumerOnA = a.client().durable.consume('risk', {
      handler: (event: LedgerEvent) => void onA.push(event.position),
      ackBatchSize: 10,
      onAcked: (cursors) => cursors.forEach((cursor) => acked.add(cursor)),
    });
    try {
      await until(() => acked.size >= 50, 10_000, '50 events acked on A');
    } finally {
      await consumerOnA.stop();
    }
    const ackedOnA = new Set(acked);
    expect(ackedOnA.size).toBeLessThan(positions.length);

    const onB: string[] = [];
    const consumerOnB = b.client().durable.consume('risk', { handler: (event: LedgerEvent) => void onB.push(event.position), ackBatchSize: 10 });
    const expected = positions.filter((position) => !ackedOnA.has(position));
    try {
      await until(() => onB.length >= expected.length, 10_000, 'the rest delivered on B');
      await until(async () => (await a.client().durable.get('risk')).checkpoint === positions.at(-1), 10_000, 'the checkpoint at the end, seen from A');
    } finally {
      // A consumer left running would hold the replica's server open.
      await consumerOnB.stop();
    }
    expect(onB).toEqual(expected);
  });

  it('moves the subscriptions a replica of an earlier release kept in its own subscriptions.sqlite into KurrentDB, once', async () => {
    const events: RecordedEvent[] = [];
    for await (const event of a.ledger.runtime.store.readAll({ filter: { streamIds: ['deal-replicas-0'] } })) events.push(event);
    const [first, second, third, fourth] = events;
    // What that release kept: a checkpoint, an ack above it, a nack, a parked event asked to be replayed.
    const file = join(dirs[2]!.dir, 'subscriptions.sqlite');
    const db = openSubscriptionDatabase(file);
    const local = new DurableSubscriptionStore(db);
    local.insert({ name: 'ledger-feed', selection: { categories: ['deal'], dealIds: ['replicas-0'] }, startPosition: 0, maxRetries: 3, maxInFlight: 10, createdBy: 'analyst-1' });
    local.settle('ledger-feed', [first!.position], first!.position);
    local.park('ledger-feed', second!, 'bad figure', 4, second!.position);
    local.settle('ledger-feed', [fourth!.position], second!.position);
    local.recordNack('ledger-feed', third!.position, 'later');
    local.requestReplay('ledger-feed');
    db.close();

    c = await startReplica(double, dirs[2]!.dir, sharedKey());
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(dirs[2]!.dir, IMPORTED_SUBSCRIPTIONS_FILE))).toBe(true);
    // Seen from another replica: what the file held, shared now.
    expect(await b.client().durable.get('ledger-feed')).toMatchObject({ checkpoint: String(second!.position), parked: 1 });
    const received: LedgerEvent[] = [];
    const consumer = b.client().durable.consume('ledger-feed', { handler: (event: LedgerEvent) => void received.push(event) });
    try {
      await until(() => received.length >= 3, 10_000, 'the replay and the events not acked');
    } finally {
      await consumer.stop();
    }
    expect(received.slice(0, 3).map((event) => [event.position, event.delivery])).toEqual([
      [String(second!.position), { attempt: 1, replay: true }],
      [String(third!.position), { attempt: 2, replay: false }],
      [String(events[4]!.position), { attempt: 1, replay: false }],
    ]);
  });
});
