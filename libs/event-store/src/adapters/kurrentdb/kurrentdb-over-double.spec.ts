import { InvalidArgumentError, StoreUnavailableError, type EventStoreError } from '../../event-store.errors.js';
import { collect, newEvent, newEvents, range, take } from '../../testing/contract-fixtures.js';
import { describeEventStoreContract } from '../../testing/event-store.contract.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';
import { KurrentDbClientDouble } from './testing/kurrentdb-client-double.js';
import { eventually } from '../../testing/eventually.js';
import { verifyLog } from '../../transparency/verify-log.js';

/**
 * The store contract run on the adapter over the KurrentDB client DOUBLE, not a server:
 * the adapter's own logic (hash chain, conflicts, paging, position repair, re-subscription)
 * against a client that keeps the server's rules as the double states them. The same
 * contract against a real server is test/kurrentdb/event-store.contract.e2e-spec.ts.
 * The traits are KurrentDB's: positions are log offsets, appendMany is atomic (multi-stream
 * append, server 25.1+), event ids are unique per stream. Over a double of a server before
 * 25.1, appendMany writes stream by stream instead, and the contract holds it to that.
 */
describeEventStoreContract(
  'kurrentdb over the client double',
  async () => {
    const store = await KurrentDbEventStore.overClient(new KurrentDbClientDouble(), { readPageSize: 7, retryDelayMs: 5 });
    return { store, cleanup: () => store.close() };
  },
  { positions: 'sparse', appendMany: 'atomic', eventIds: 'retried-write' },
);

describeEventStoreContract(
  'kurrentdb over the client double of a server before 25.1 (no multi-stream append)',
  async () => {
    const store = await KurrentDbEventStore.overClient(new KurrentDbClientDouble({ multiStreamAppend: false }), { readPageSize: 7, retryDelayMs: 5 });
    return { store, cleanup: () => store.close() };
  },
  { positions: 'sparse', appendMany: 'in-order', eventIds: 'retried-write' },
);

/** What only the double can show of the adapter: how it meets the server's rules and its faults. */
describe('KurrentDbEventStore over the client double', () => {
  let client: KurrentDbClientDouble;
  let store: KurrentDbEventStore;
  const retries: EventStoreError[] = [];

  beforeEach(async () => {
    client = new KurrentDbClientDouble({ statsEvery: 2 });
    retries.length = 0;
    store = await KurrentDbEventStore.overClient(client, { readPageSize: 3, retryDelayMs: 5, maxRetryDelayMs: 40, onSubscriptionRetry: (error) => retries.push(error) });
  });
  afterEach(() => store.close());

  it('skips the system events the server keeps in $all, and the positions it yields have gaps', async () => {
    for (let i = 0; i < 4; i++) await store.append(`deal-${i}`, newEvents(1), 'no_stream');
    const log = await collect(store.readAll());
    expect(log.map((e) => e.streamId)).toEqual(['deal-0', 'deal-1', 'deal-2', 'deal-3']);
    expect(log.every((e, i) => i === 0 || e.position > log[i - 1]!.position + 1)).toBe(true);
    expect(await store.headPosition()).toBe(log[3]!.position);
  });

  it('reads and subscribes after a number where no event is: the server refuses it, the adapter starts from the event before', async () => {
    await store.append('deal-1', newEvents(4), 'no_stream');
    const log = await collect(store.readAll());
    const between = log[1]!.position + 1;
    expect((await collect(store.readAll({ after: between }))).map((e) => e.revision)).toEqual([2, 3]);
    expect((await take(store.subscribe({ from: between }), 2)).map((e) => e.revision)).toEqual([2, 3]);
  });

  it('a subscription across dropped connections and an unavailable server: every event once, in order, and it says so each time it subscribes again', async () => {
    const subscription = store.subscribe({ from: 'start' });
    const received = take(subscription, 12);
    let revision = -1;
    const append = async (count: number) => {
      await store.append('deal-1', newEvents(count), revision < 0 ? 'no_stream' : revision);
      revision += count;
    };
    await append(3);
    client.dropConnections();
    await append(3);
    client.dropConnections();
    client.unavailable(true);
    await eventually(() => retries.length >= 3);
    client.unavailable(false);
    await append(3);
    client.dropConnections();
    await append(3);
    expect((await received).map((e) => e.revision)).toEqual(range(0, 11));
    expect(retries.every((e) => e instanceof StoreUnavailableError)).toBe(true);
  });

  it('refuses a write larger than the server takes as an invalid argument, and writes nothing', async () => {
    const big = () => newEvent({ data: { text: 'x'.repeat(600_000) } });
    await expect(store.append('deal-1', [big(), big()], 'no_stream')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await store.readStream('deal-1')).toEqual([]);
  });

  it('a read of $all cut by a dropped connection fails as unavailable, for its caller to read again', async () => {
    await store.append('deal-1', newEvents(8), 'no_stream');
    const read = store.readAll()[Symbol.asyncIterator]();
    await read.next();
    client.dropConnections();
    await expect(collect({ [Symbol.asyncIterator]: () => read })).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  // Issue 17, item 11: a subscription from 'end' learns where the end was from the server's
  // caughtUp message; cut before it, it resumes after the head it read when subscribe() was
  // called, so what was appended in between is delivered, not passed over.
  it('a subscription from end cut before the server caught up resumes at the end as it was when it subscribed', async () => {
    await store.append('deal-1', newEvents(1), 'no_stream');
    const subscription = store.subscribe({ from: 'end' });
    client.dropConnections();
    await store.append('deal-1', newEvents(2), 0);
    expect((await take(subscription, 2, 2_000)).map((e) => e.revision)).toEqual([1, 2]);
  });

  // Issue 17, item 11: the server's checkpoints on a filtered subscription say how far it
  // looked; a re-subscription starts there instead of scanning the rejected events again.
  it('a filtered subscription opens again after the server’s last checkpoint, not after its last matching event', async () => {
    const subscription = store.subscribe({ from: 'start', filter: { categories: ['deal'] } });
    const received = take(subscription, 2, 2_000);
    await store.append('deal-1', newEvents(1), 'no_stream');
    for (let i = 0; i < 40; i++) await store.append(`party-${i}`, newEvents(1), 'no_stream');
    // By now the server has considered more than its search window (32 events) past deal-1's
    // first event and sent a checkpoint, which the subscription took while waiting.
    const head = await store.headPosition();
    client.dropConnections();
    await store.append('deal-1', newEvents(1), 0);
    expect((await received).map((e) => [e.streamId, e.revision])).toEqual([['deal-1', 0], ['deal-1', 1]]);
    const reopened = client.subscribedFrom[1];
    const deal0 = (await store.readStream('deal-1'))[0]!.position;
    const at = typeof reopened === 'object' ? Number(reopened.commit) : NaN;
    expect(at).toBeGreaterThan(deal0);
    expect(at).toBeLessThanOrEqual(head);
  });
});

/**
 * Issue 17, item 7: the reads a write depends on go to the leader. The double lets a
 * follower that lacks the last writes answer reads that do not require the leader, as
 * after an election the client has not yet followed, and refuses one that does.
 */
describe('KurrentDbEventStore writes across a leader election (over the client double)', () => {
  let client: KurrentDbClientDouble;
  let store: KurrentDbEventStore;

  beforeEach(async () => {
    client = new KurrentDbClientDouble({ statsEvery: 1_000 });
    store = await KurrentDbEventStore.overClient(client, { retryDelayMs: 5 });
  });
  afterEach(() => store.close());

  it('a write at the stream’s current revision chains to the leader’s head, not to a stale follower’s', async () => {
    await store.append('deal-1', newEvents(2), 'no_stream');
    await store.append('deal-1', newEvents(1), 1);
    client.leaderElection({ missing: 1 });
    const result = await store.append('deal-1', newEvents(1), 2);
    expect(result).toMatchObject({ firstRevision: 3, nextExpectedRevision: 3 });
    expect((await store.readStream('deal-1')).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect((await verifyLog(store)).ok).toBe(true);
  });

  it('a read that no write depends on may still come from the follower (the client’s default)', async () => {
    await store.append('deal-1', newEvents(2), 'no_stream');
    client.leaderElection({ missing: 1 });
    expect((await store.readStream('deal-1')).map((e) => e.revision)).toEqual([0]);
  });

  it('a write of several events acknowledged just before an election is answered with its positions, not as failed', async () => {
    client.leaderElection({ afterNextAppend: true });
    const result = await store.append('deal-1', newEvents(3), 'no_stream');
    const stored = await store.readStream('deal-1');
    expect(stored).toHaveLength(3);
    expect(result).toEqual({ streamId: 'deal-1', firstRevision: 0, nextExpectedRevision: 2, firstPosition: stored[0]!.position, lastPosition: stored[2]!.position });
  });

  it('a write whose positions cannot be read back at all is answered unavailable saying it was written, and a retry finds it', async () => {
    const append = client.appendToStream.bind(client);
    client.appendToStream = (async (...args: Parameters<typeof append>) => {
      const result = await append(...args);
      client.unavailable(true);
      return result;
    }) as typeof client.appendToStream;
    const events = newEvents(2);
    const error = await store.append('deal-1', events, 'no_stream').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/The 2 events were written to deal-1 \(revisions 0–1\).*answers as a replay/);
    client.unavailable(false);
    expect((await store.readStream('deal-1')).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('an event KurrentDB’s OpenTelemetry instrumentation adds $traceId and $spanId to after the hash still verifies, and reads back as written', async () => {
    const append = client.appendToStream.bind(client);
    client.appendToStream = ((stream: string, event: unknown, options?: unknown) => {
      const traced = (Array.isArray(event) ? event : [event]).map((one: { metadata: object }) => ({
        ...one,
        metadata: { ...one.metadata, $traceId: '4bf92f3577b34da6a3ce929d0e0e4736', $spanId: '00f067aa0ba902b7' },
      }));
      return append(stream, traced as never, options as never);
    }) as typeof client.appendToStream;
    const events = newEvents(3);
    await store.append('deal-1', events, 'no_stream');
    expect((await store.readStream('deal-1')).map((e) => e.metadata)).toEqual(events.map((e) => e.metadata));
    expect((await verifyLog(store)).ok).toBe(true);
  });
});
