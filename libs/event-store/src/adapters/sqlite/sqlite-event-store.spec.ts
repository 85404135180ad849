import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { InvalidArgumentError, StoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors.js';
import { allEvents, newEvents, positionsOf, range, take } from '../../testing/contract-fixtures.js';
import { describeEventStoreContract } from '../../testing/event-store.contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SCHEMA_VERSION } from './sqlite-schema.js';

let dir: string;
let files = 0;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'event-store-sqlite-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
const newFile = () => path.join(dir, `store-${++files}.sqlite`);

describeEventStoreContract('sqlite', async () => {
  // A long poll interval: live delivery in the contract must come from the in-process
  // signal. A small page size: every read crosses pages.
  const store = await SqliteEventStore.open({ file: newFile(), pollIntervalMs: 10_000, readPageSize: 7 });
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore', () => {
  const opened: SqliteEventStore[] = [];
  async function open(options: Partial<Parameters<typeof SqliteEventStore.open>[0]> & { file: string }) {
    const store = await SqliteEventStore.open(options);
    opened.push(store);
    return store;
  }
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('keeps everything across close and reopen, and continues the positions', async () => {
    const file = newFile();
    const first = await open({ file });
    await first.append('deal-1', newEvents(3), 'no_stream');
    await first.appendMany([{ streamId: 'deal-2', events: newEvents(2), expectedRevision: 'no_stream' }]);
    const before = await allEvents(first);
    await first.close();

    const second = await open({ file });
    expect(await allEvents(second)).toEqual(before);
    expect(await second.append('deal-1', newEvents(1), 2)).toMatchObject({ firstRevision: 3, firstPosition: 6 });
  });

  it('lets a second instance on the same file see the first one’s writes through a subscription (polling)', async () => {
    const file = newFile();
    const writer = await open({ file });
    const reader = await open({ file, pollIntervalMs: 25 });
    await writer.append('deal-1', newEvents(2), 'no_stream');
    const received = take(reader.subscribe({ from: 'start' }), 5, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await writer.append('deal-1', newEvents(3), 1);
    expect(positionsOf(await received)).toEqual(range(1, 5));
  });

  it('reads several whole streams in one go, each as readStream gives it, an empty list for one that does not exist', async () => {
    const store = await open({ file: newFile() });
    await store.appendMany([
      { streamId: 'deal-1', events: newEvents(3), expectedRevision: 'no_stream' },
      { streamId: 'deal-2', events: newEvents(2), expectedRevision: 'no_stream' },
    ]);
    await store.append('deal-1', newEvents(1), 2);
    const streams = await store.readStreams(['deal-2', 'deal-none', 'deal-1']);
    expect([...streams.keys()]).toEqual(['deal-2', 'deal-none', 'deal-1']);
    expect(streams.get('deal-1')).toEqual(await store.readStream('deal-1'));
    expect(streams.get('deal-2')).toEqual(await store.readStream('deal-2'));
    expect(streams.get('deal-none')).toEqual([]);
  });

  it('checks expected revisions against writes made through another instance', async () => {
    const file = newFile();
    const a = await open({ file });
    const b = await open({ file });
    await a.append('deal-1', newEvents(1), 'no_stream');
    await expect(b.append('deal-1', newEvents(1), 'no_stream')).rejects.toMatchObject({
      constructor: WrongExpectedRevisionError,
      actual: 0,
    });
    expect(await b.append('deal-1', newEvents(1), 0)).toMatchObject({ firstRevision: 1, firstPosition: 2 });
  });

  it('takes recordedAt from the injected clock, one time per write, never earlier than the last commit', async () => {
    const times = ['2025-03-01T09:00:00.000Z', '2025-03-01T10:30:00.000Z', '2025-03-01T10:00:00.000Z'];
    let call = 0;
    const file = newFile();
    const store = await open({ file, clock: () => new Date(times[call++]!) });
    await store.appendMany([
      { streamId: 'deal-1', events: newEvents(2), expectedRevision: 'no_stream' },
      { streamId: 'deal-2', events: newEvents(1), expectedRevision: 'no_stream' },
    ]);
    await store.append('deal-1', newEvents(1), 1);
    await store.append('deal-1', newEvents(1), 2); // the clock stepped back
    expect((await allEvents(store)).map((e) => e.recordedAt)).toEqual([times[0], times[0], times[0], times[1], times[1]]);
    expect(call).toBe(3);
  });

  it('keeps the clock monotonic across instances too', async () => {
    const file = newFile();
    const late = await open({ file, clock: () => new Date('2030-01-01T00:00:00.000Z') });
    const early = await open({ file, clock: () => new Date('2020-01-01T00:00:00.000Z') });
    await late.append('deal-1', newEvents(1), 'no_stream');
    await early.append('deal-1', newEvents(1), 0);
    expect((await allEvents(early)).map((e) => e.recordedAt)).toEqual(['2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z']);
  });

  it('works on a private in-memory database', async () => {
    const store = await open({ file: ':memory:' });
    await store.append('deal-1', newEvents(2), 'no_stream');
    expect(positionsOf(await take(store.subscribe({ from: 'start' }), 2))).toEqual([1, 2]);
  });

  describe('the file', () => {
    it('is in WAL mode, at the current schema version, with the events table', async () => {
      const file = newFile();
      await (await open({ file })).append('deal-1', newEvents(1), 'no_stream');
      const raw = new Database(file, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(raw.prepare('SELECT stream_id, revision, position FROM events').all()).toEqual([
          { stream_id: 'deal-1', revision: 0, position: 1 },
        ]);
      } finally {
        raw.close();
      }
    });

    it('refuses edits and deletions made behind the store’s back', async () => {
      const file = newFile();
      await (await open({ file })).append('deal-1', newEvents(1), 'no_stream');
      const raw = new Database(file);
      try {
        expect(() => raw.prepare("UPDATE events SET data = '{}'").run()).toThrow(/immutable/);
        expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/never deleted/);
      } finally {
        raw.close();
      }
    });

    it('is brought from schema 1 (a category column no hash covered) to the current one, keeping every event and filter', async () => {
      const file = newFile();
      const store = await open({ file });
      await store.append('deal-1', newEvents(2), 'no_stream');
      await store.append('fund-1', newEvents(1), 'no_stream');
      const before = await allEvents(store);
      await store.close();
      // Back to how schema 1 stored it: a category column with its own index.
      const raw = new Database(file);
      // Schema 1's trigger refused every update (schema 3 lets a recorded disposal through).
      const trigger = "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are immutable'); END";
      raw.exec(`DROP INDEX events_by_category; ALTER TABLE events ADD COLUMN category TEXT NOT NULL DEFAULT '';
        DROP TRIGGER events_no_update; ALTER TABLE events DROP COLUMN disposal;
        UPDATE events SET category = substr(stream_id, 1, instr(stream_id || '-', '-') - 1); ${trigger};
        CREATE INDEX events_by_category ON events (category); PRAGMA user_version = 1;`);
      raw.close();

      const migrated = await open({ file });
      expect(await allEvents(migrated)).toEqual(before);
      const deals: string[] = [];
      for await (const event of migrated.readAll({ filter: { categories: ['deal'] } })) deals.push(event.streamId);
      expect(deals).toEqual(['deal-1', 'deal-1']);
      expect(await migrated.checkStorage({ thorough: true })).toBeUndefined();
      expect(migrated.pragmas().schemaVersion).toBe(SCHEMA_VERSION);
      await migrated.close();
    });

    it('is refused when written by a newer schema version', async () => {
      const file = newFile();
      await (await open({ file })).close();
      const raw = new Database(file);
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
      await expect(SqliteEventStore.open({ file })).rejects.toThrow(StoreUnavailableError);
      await expect(SqliteEventStore.open({ file })).rejects.toThrow(new RegExp(`schema version ${SCHEMA_VERSION + 1}`));
    });

    it('cannot be opened in a directory that does not exist: StoreUnavailableError', async () => {
      await expect(SqliteEventStore.open({ file: path.join(dir, 'missing', 'x.sqlite') })).rejects.toThrow(StoreUnavailableError);
    });

    it('is not a database: StoreUnavailableError', async () => {
      const file = newFile();
      fs.writeFileSync(file, 'this is not a SQLite file, just some text that is long enough to have a header'.repeat(10));
      await expect(SqliteEventStore.open({ file })).rejects.toThrow(StoreUnavailableError);
    });
  });

  it('fails with StoreUnavailableError, writing nothing, while another connection holds the write lock', async () => {
    const file = newFile();
    const store = await open({ file, busyTimeoutMs: 50 });
    await store.append('deal-1', newEvents(1), 'no_stream');
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const error = await store.append('deal-1', newEvents(1), 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ code: 'STORE.UNAVAILABLE', message: expect.stringMatching(/locked/) });
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(await store.headPosition()).toBe(1);
    expect(await store.append('deal-1', newEvents(1), 0)).toMatchObject({ firstPosition: 2 });
  });

  describe('group commit (appends issued together share one transaction)', () => {
    it('writes appends issued in the same turn in one commit (one commit time), an awaited one in a commit of its own', async () => {
      let call = 0;
      const store = await open({ file: newFile(), clock: () => new Date(Date.UTC(2025, 0, 1, 0, 0, call++)) });
      const together = await Promise.all(range(1, 5).map((n) => store.append(`deal-${n}`, newEvents(2), 'no_stream')));
      expect(together.map((r) => r.firstPosition)).toEqual([1, 3, 5, 7, 9]);
      await store.append('deal-1', newEvents(1), 1);
      const times = (await allEvents(store)).map((e) => e.recordedAt);
      expect(new Set(times.slice(0, 10)).size).toBe(1);
      expect(times[10]).not.toBe(times[0]);
      // The clock is read once per transaction: two transactions in all.
      expect(call).toBe(2);
    });

    it('splits writes issued together into transactions of at most MAX_EVENTS_PER_WRITE events, in order', async () => {
      let call = 0;
      const store = await open({ file: newFile(), clock: () => new Date(Date.UTC(2025, 0, 1, 0, 0, call++)) });
      const [first, second] = await Promise.all([
        store.append('deal-1', newEvents(6_000), 'no_stream'),
        store.append('deal-2', newEvents(6_000), 'no_stream'),
      ]);
      expect([first!.firstPosition, second!.firstPosition, second!.lastPosition]).toEqual([1, 6_001, 12_000]);
      const [a, b] = await Promise.all([store.readStream('deal-1', { maxCount: 1 }), store.readStream('deal-2', { maxCount: 1 })]);
      expect(a![0]!.recordedAt < b![0]!.recordedAt).toBe(true);
      expect(call).toBe(2);
    });

    it('fails every append of a batch, writing none, when the transaction itself cannot start (the write lock is held)', async () => {
      const file = newFile();
      const store = await open({ file, busyTimeoutMs: 50 });
      await store.append('deal-1', newEvents(1), 'no_stream');
      const other = new Database(file);
      try {
        other.exec('BEGIN IMMEDIATE');
        const outcomes = await Promise.allSettled([
          store.append('deal-1', newEvents(1), 0),
          store.append('deal-2', newEvents(1), 'no_stream'),
        ]);
        expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).constructor : o.status))).toEqual([
          StoreUnavailableError,
          StoreUnavailableError,
        ]);
        other.exec('ROLLBACK');
      } finally {
        other.close();
      }
      expect(await store.headPosition()).toBe(1);
    });

    it('commits on close() what was issued before it, and answers it', async () => {
      const file = newFile();
      const store = await SqliteEventStore.open({ file });
      const pending = store.append('deal-1', newEvents(2), 'no_stream');
      await store.close();
      expect(await pending).toMatchObject({ firstPosition: 1, lastPosition: 2 });
      await expect(store.append('deal-1', newEvents(1), 1)).rejects.toThrow(StoreUnavailableError);
      const reopened = await open({ file });
      expect(await reopened.headPosition()).toBe(2);
    });
  });

  it.each([
    ['synchronous', { synchronous: 'OFF' as never }],
    ['busyTimeoutMs', { busyTimeoutMs: -1 }],
    ['walAutocheckpoint', { walAutocheckpoint: 1.5 }],
    ['readPageSize', { readPageSize: 0 }],
  ])('refuses an invalid %s option', async (_, options) => {
    await expect(SqliteEventStore.open({ file: newFile(), ...options })).rejects.toThrow(InvalidArgumentError);
  });

  it('runs WAL with synchronous FULL, a busy timeout and SQLite’s own wal_autocheckpoint by default', async () => {
    const store = await open({ file: newFile() });
    expect(store.pragmas()).toEqual({
      journalMode: 'wal',
      synchronous: 'FULL',
      busyTimeoutMs: 5000,
      walAutocheckpoint: 1000,
      schemaVersion: SCHEMA_VERSION,
    });
  });

  it('runs with synchronous NORMAL, a busy timeout and a wal_autocheckpoint when asked', async () => {
    const store = await open({ file: newFile(), synchronous: 'NORMAL', busyTimeoutMs: 250, walAutocheckpoint: 10_000 });
    expect(store.pragmas()).toMatchObject({ synchronous: 'NORMAL', busyTimeoutMs: 250, walAutocheckpoint: 10_000 });
    await store.append('deal-1', newEvents(1), 'no_stream');
    expect(await store.headPosition()).toBe(1);
  });
});
