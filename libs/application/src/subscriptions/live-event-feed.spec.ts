import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InMemoryEventStore,
  SqliteEventStore,
  StoreUnavailableError,
  type EventStore,
  type EventSubscription,
  type ReadAllOptions,
  type RecordedEvent,
} from '#event-store';
import type { FeedReader } from './feed-reader.js';
import { LiveEventFeed } from './live-event-feed.js';
import { eventually } from '../../../event-store/src/testing/eventually.js';

const event = (type = 'NoteRecorded.v1') => ({
  eventId: randomUUID(),
  type,
  data: { n: 1 },
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c', causationId: 'c' },
});

async function appendMany(store: EventStore, count: number, streams = 4, batch = 3): Promise<number[]> {
  const positions: number[] = [];
  for (let i = 0; i < count; i += batch) {
    const size = Math.min(batch, count - i);
    const result = await store.append(`deal-s${i % streams}`, Array.from({ length: size }, () => event()), 'any');
    for (let p = result.firstPosition; p <= result.lastPosition; p++) positions.push(p);
    if (i % 30 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return positions;
}

/** Reads a reader until `count` events, pausing now and then when `slow`. */
async function drain(reader: FeedReader, count: number, slow = false): Promise<number[]> {
  const seen: number[] = [];
  for await (const batch of reader) {
    seen.push(...batch.map((e) => e.position));
    if (slow) await new Promise((resolve) => setTimeout(resolve, 1));
    if (seen.length >= count) break;
  }
  return seen;
}

/** The real store, counting the reads that reach it. */
class CountingStore implements EventStore {
  readAllCalls = 0;
  constructor(private readonly inner: EventStore) {}
  append: EventStore['append'] = (...args) => this.inner.append(...args);
  appendMany: EventStore['appendMany'] = (...args) => this.inner.appendMany(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  subscribe: EventStore['subscribe'] = (options) => this.inner.subscribe(options);
  close: EventStore['close'] = () => this.inner.close();
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    this.readAllCalls += 1;
    return this.inner.readAll(options);
  }
}

/**
 * The real store, with outages: while `down`, every read fails as an unreachable store's
 * do, and so does each open subscription at its next event. `dropNextSubscription` fails
 * only the next subscription to read an event, with that error (reads still work).
 */
class OutageStore implements EventStore {
  down = false;
  dropNextSubscription: Error | undefined;
  subscriptions = 0;
  constructor(private readonly inner: EventStore) {}
  append: EventStore['append'] = (...args) => this.inner.append(...args);
  appendMany: EventStore['appendMany'] = (...args) => this.inner.appendMany(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  close: EventStore['close'] = () => this.inner.close();

  async headPosition(): Promise<number> {
    this.check();
    return this.inner.headPosition();
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    const read = async function* (store: OutageStore, inner: EventStore) {
      store.check();
      yield* inner.readAll(options);
    };
    return read(this, this.inner);
  }

  subscribe(options: Parameters<EventStore['subscribe']>[0]): EventSubscription {
    this.check();
    this.subscriptions += 1;
    const inner = this.inner.subscribe(options);
    const events = async function* (store: OutageStore) {
      for await (const event of inner) {
        if (store.down) throw new StoreUnavailableError('The connection to the event store was lost');
        const dropped = store.dropNextSubscription;
        store.dropNextSubscription = undefined;
        if (dropped) throw dropped;
        yield event;
      }
    };
    return { close: () => inner.close(), [Symbol.asyncIterator]: () => events(this) };
  }

  private check(): void {
    if (this.down) throw new StoreUnavailableError('The event store cannot be reached');
  }
}


const upTo = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

interface StoreSetup {
  open(): Promise<EventStore>;
  cleanUp(): void;
}

const sqliteSetup = (): StoreSetup => {
  const dir = mkdtempSync(join(tmpdir(), 'feed-'));
  return {
    open: () => SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' }),
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
};
const inMemorySetup = (): StoreSetup => ({ open: async () => new InMemoryEventStore(), cleanUp: () => undefined });

describe.each([
  ['sqlite', sqliteSetup],
  ['in-memory', inMemorySetup],
])('the live event feed on the %s store', (_name, setup) => {
  let store: CountingStore;
  let feed: LiveEventFeed;
  let cleanUp: () => void;

  beforeEach(async () => {
    const opened = setup();
    cleanUp = opened.cleanUp;
    store = new CountingStore(await opened.open());
    feed = new LiveEventFeed(store, { readerBufferSize: 50, pageSize: 20, recentEvents: 100 });
  });

  afterEach(async () => {
    await feed.close();
    await store.close();
    cleanUp();
  });

  it('gives each reader, whenever it starts, every event after its start once and in order, under concurrent appends', async () => {
    await appendMany(store, 60);
    const readers: { after: number; seen: Promise<number[]> }[] = [];
    const expectedTotal = 60 + 900;
    const appending = appendMany(store, 900, 5, 4);
    for (let i = 0; i < 12; i++) {
      const after = await store.headPosition();
      readers.push({ after, seen: drain(feed.open(after), expectedTotal - after, i % 3 === 0) });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
    }
    const all = [...Array(expectedTotal).keys()].map((i) => i + 1);
    await appending;
    for (const reader of readers) {
      expect(await reader.seen).toEqual(all.filter((p) => p > reader.after));
    }
  });

  it('sends a reader that stops reading back to the store once its buffer is full, and it misses nothing', async () => {
    const reader = feed.open(0);
    const iterator = reader[Symbol.asyncIterator]();
    await appendMany(store, 5);
    const first = await iterator.next();
    expect(first.value.map((e: RecordedEvent) => e.position)).toEqual([1, 2, 3, 4, 5]);
    // Read once more so that the reader joins the live feed, then stop reading.
    const waiting = iterator.next();
    await appendMany(store, 1);
    await waiting;
    expect(reader.isLive).toBe(true);

    await appendMany(store, 120);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(feed.liveReaders).toBe(0);

    const rest: number[] = [];
    while (rest.length < 120) rest.push(...((await iterator.next()).value as RecordedEvent[]).map((e) => e.position));
    expect(rest).toEqual([...Array(120).keys()].map((i) => i + 7));
    expect(reader.fallbacks).toBe(1);
    reader.close();
  });

  it('lets a reader a little behind catch up from the recent events the feed holds, without reading the store', async () => {
    const leader = feed.open(0);
    const leading = drain(leader, 80);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const positions = await appendMany(store, 80);
    await leading;
    const readsBefore = store.readAllCalls;
    const behind = await drain(feed.open(positions[30]!), 49);
    expect(behind).toEqual(positions.slice(31));
    expect(store.readAllCalls).toBe(readsBefore);
    leader.close();
  });

  it('applies the filter to history and to live events alike', async () => {
    await store.append('deal-a', [event(), event('FigureRevised.v2')], 'any');
    await store.append('other-x', [event('FigureRevised.v2')], 'any');
    const reader = feed.open(0, { categories: ['deal'], eventTypes: ['FigureRevised.v2'] });
    const seen = drain(reader, 2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await store.append('deal-b', [event(), event('FigureRevised.v2')], 'any');
    await store.append('other-y', [event('FigureRevised.v2')], 'any');
    expect(await seen).toEqual([2, 5]);
  });

  it('ends every reader when it closes', async () => {
    const reader = feed.open(0);
    const reading = drain(reader, 1_000);
    await appendMany(store, 3);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await feed.close();
    expect(await reading).toEqual([1, 2, 3]);
  });
});

describe('the live event feed after a failure of the store', () => {
  let store: OutageStore;
  let feed: LiveEventFeed;
  const failures: unknown[] = [];

  beforeEach(() => {
    failures.length = 0;
    store = new OutageStore(new InMemoryEventStore());
    feed = new LiveEventFeed(store, { readerBufferSize: 50, pageSize: 20, recentEvents: 100, onFailure: (e) => failures.push(e) });
  });

  afterEach(async () => {
    await feed.close();
    await store.close();
  });

  it('subscribes again when its subscription is lost, and a live reader gets every event once and in order', async () => {
    const reader = feed.open(0);
    const seen = drain(reader, 300);
    await appendMany(store, 30);
    await eventually(() => reader.isLive && feed.liveReaders === 1);
    store.dropNextSubscription = new StoreUnavailableError('The connection to the event store was lost');
    await appendMany(store, 270);
    expect(await seen).toEqual(upTo(1, 300));
    expect(store.subscriptions).toBeGreaterThanOrEqual(2);
    expect(reader.fallbacks).toBeGreaterThanOrEqual(1);
    expect(failures).toHaveLength(1);
    expect(feed.health()).toMatchObject({ component: 'event-feed', state: 'running' });
  });

  it('says it is recovering while the store is down, and serves live readers again once it is back', async () => {
    const reader = feed.open(0);
    const positions: number[] = [];
    let failure: unknown;
    const reading = (async () => {
      try {
        for await (const batch of reader) positions.push(...batch.map((e) => e.position));
      } catch (error) {
        failure = error;
      }
    })();
    await appendMany(store, 10);
    await eventually(() => positions.length === 10 && feed.liveReaders === 1);

    store.down = true;
    await appendMany(store, 5);
    await reading;
    // Its reader went back to the store, which failed it: its consumer reconnects later.
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(positions).toEqual(upTo(1, 10));
    await eventually(() => feed.health().state === 'recovering');
    expect(feed.health()).toMatchObject({ failure: expect.stringContaining('STORE.UNAVAILABLE'), failingSince: expect.any(String) });
    await expect(drain(feed.open(10), 1)).rejects.toThrow(StoreUnavailableError);

    store.down = false;
    await eventually(() => feed.health().state === 'running');
    const resumed = feed.open(10);
    const rest = drain(resumed, 10);
    await appendMany(store, 5);
    expect(await rest).toEqual(upTo(11, 20));
    expect(resumed.isLive).toBe(true);
    expect(failures).toHaveLength(1);
    expect(feed.health().restarts).toBeGreaterThanOrEqual(1);
  });

  it('stays faulted after a failure it does not know to pass, until an admin tells it to subscribe again', async () => {
    const seen = drain(feed.open(0), 3);
    await appendMany(store, 3);
    await seen;
    const subscribed = store.subscriptions;
    store.dropNextSubscription = new Error('The subscription protocol broke');
    await appendMany(store, 1);
    await eventually(() => feed.health().state === 'faulted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(store.subscriptions).toBe(subscribed);
    feed.retryNow();
    await eventually(() => feed.health().state === 'running');
    expect(store.subscriptions).toBe(subscribed + 1);
  });
});
