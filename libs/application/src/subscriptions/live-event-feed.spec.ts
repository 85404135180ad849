import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InMemoryEventStore,
  SqliteEventStore,
  type EventStore,
  type ReadAllOptions,
  type RecordedEvent,
} from '#event-store';
import { LiveEventFeed, type FeedReader } from './live-event-feed.js';

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
    await store.append('deal-a', [event(), event('FigureRevised.v1')], 'any');
    await store.append('other-x', [event('FigureRevised.v1')], 'any');
    const reader = feed.open(0, { categories: ['deal'], eventTypes: ['FigureRevised.v1'] });
    const seen = drain(reader, 2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await store.append('deal-b', [event(), event('FigureRevised.v1')], 'any');
    await store.append('other-y', [event('FigureRevised.v1')], 'any');
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
