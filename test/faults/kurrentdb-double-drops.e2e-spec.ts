import type { Database } from 'better-sqlite3';
import { LiveEventFeed, type FeedReader } from '#application';
import type { ComponentState, RecordedEvent } from '#event-store';
import { DEAL_STATE_TABLES, dealStateProjection, DealStateReader, openReadModelDatabase, ProjectionRunner } from '#projections';
import { dumpTables } from '#testing';
import { KurrentDbEventStore } from '../../libs/event-store/src/adapters/kurrentdb/kurrentdb-event-store.js';
import { KurrentDbClientDouble } from '../../libs/event-store/src/adapters/kurrentdb/testing/kurrentdb-client-double.js';
import { DealWriter } from './support/deal-writer.js';
import { holdsWithin } from '../../libs/event-store/src/testing/eventually.js';

/**
 * The drop drill of issue "Faults survived", on the KurrentDB client DOUBLE (no server runs
 * here): the store's connection drops mid-subscription, several times, and the server is
 * unavailable for about a second, while deals are written before, during and after. The
 * projection runner and a live event feed reader follow the log over the adapter
 * throughout. Afterwards: nothing acknowledged is lost, nothing is applied or handed out
 * twice, and every part is back to running on its own within 5 s of the fault clearing.
 */
describe('KurrentDB connections dropping mid-subscription (over the KurrentDB client double)', () => {
  const deals = ['north', 'south', 'east'];
  let client: KurrentDbClientDouble;
  let store: KurrentDbEventStore;
  let writer: DealWriter;
  let db: Database;
  let runner: ProjectionRunner;
  let feed: LiveEventFeed;
  let reader: FeedReader;
  const handedOut: RecordedEvent[] = [];
  let reading: Promise<void>;
  /** The runner's health, sampled while the server was unavailable. */
  const healthWhileDown: ComponentState[] = [];
  let refusedWhileDown = 0;
  let runningAgainInMs: number | undefined;
  let resubscriptions = 0;

  const round = async () => {
    for (const dealId of deals) await writer.write(dealId);
  };
  const rounds = async (count: number) => {
    for (let i = 0; i < count; i++) await round();
  };

  beforeAll(async () => {
    client = new KurrentDbClientDouble();
    store = await KurrentDbEventStore.overClient(client, {
      retryDelayMs: 20,
      maxRetryDelayMs: 200,
      readPageSize: 20,
      onSubscriptionRetry: () => (resubscriptions += 1),
    });
    writer = new DealWriter(store);
    await rounds(5);

    db = openReadModelDatabase(':memory:');
    runner = new ProjectionRunner(store, db, [dealStateProjection], { batchSize: 4 });
    runner.start();
    feed = new LiveEventFeed(store, { pageSize: 5 });
    reader = feed.open(0);
    reading = (async () => {
      for await (const batch of reader) handedOut.push(...batch);
    })();

    await rounds(3);
    for (let drop = 0; drop < 3; drop++) {
      await rounds(2);
      client.dropConnections();
      await rounds(2); // while the subscriptions open again
    }

    client.unavailable(true);
    const upAgainAt = Date.now() + 1_000;
    while (Date.now() < upAgainAt) {
      healthWhileDown.push(runner.health().state);
      if (!(await writer.write(deals[healthWhileDown.length % deals.length]!))) refusedWhileDown += 1;
      await sleep(50);
    }
    client.unavailable(false);
    const clearedAt = Date.now();
    await writer.retryRefused();
    const head = await store.headPosition();
    if (await holdsWithin(() => runner.state === 'running' && runner.position >= head, 5_000)) {
      runningAgainInMs = Date.now() - clearedAt;
    }

    await rounds(3);
    client.dropConnections();
    await rounds(2);
  }, 60_000);

  afterAll(async () => {
    reader?.close();
    await reading;
    await feed?.close();
    await runner?.stop();
    db?.close();
    await store?.close();
  });

  it('stores every acknowledged event once and nothing else', async () => {
    const log = await collect(store.readAll());
    const acknowledged = [...writer.acknowledged.values()].flat();
    expect(refusedWhileDown).toBeGreaterThan(0);
    expect(log.map((e) => e.eventId).sort()).toEqual([...acknowledged].sort());
    for (const [streamId, ids] of writer.acknowledged) {
      expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual(ids);
    }
  });

  it('the projection runner applies every event exactly once and is running again within 5 s, without a restart by hand', async () => {
    expect(await runner.catchUp(5_000)).toBe(true);
    expect(runner.state).toBe('running');
    console.log(`KurrentDB drop drill: runner running and caught up ${runningAgainInMs ?? '>5000'} ms after the outage; ${resubscriptions} re-subscriptions; health while down: ${[...new Set(healthWhileDown)].join(', ')}`);
    expect(runningAgainInMs).toBeDefined();
    const read = new DealStateReader(db);
    for (const [streamId, ids] of writer.acknowledged) {
      expect(read.getDeal(streamId.slice('deal-'.length))!.revision).toBe(ids.length - 1);
    }
    // A run that met no fault, over the same log, writes the same rows.
    const calm = openReadModelDatabase(':memory:');
    const reference = new ProjectionRunner(store, calm, [dealStateProjection]);
    reference.start();
    expect(await reference.catchUp(5_000)).toBe(true);
    await reference.stop();
    expect(dumpTables(db, DEAL_STATE_TABLES)).toBe(dumpTables(calm, DEAL_STATE_TABLES));
    calm.close();
  });

  it('a live event feed reader hands out every event once, in log order, across the drops', async () => {
    const log = await collect(store.readAll());
    expect(await holdsWithin(() => handedOut.length >= log.length, 5_000)).toBe(true);
    expect(handedOut.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
    expect(resubscriptions).toBeGreaterThanOrEqual(4);
  });

  // The adapter re-subscribes on its own inside the subscription: the runner stays
  // running, and learns of the outage from the subscription's interruption.
  it('the runner reports recovering while the store is unavailable', () => {
    expect(healthWhileDown).toContain('recovering');
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
