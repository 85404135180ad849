import type { Database } from 'better-sqlite3';
import { InMemoryEventStore, type EventStore } from '#event-store';
import {
  ControlledClock,
  activityProjection,
  commandOf,
  dumpProjection,
  laterHypotheticalLines,
  recordCommands,
  REFERENCE_DEAL_ID,
  referenceDealLines,
} from '#testing';
import { ProjectionPositions } from './projection-positions.js';
import { DealStateReader } from './deal-state/deal-state.reader.js';
import { dealStateProjection } from './deal-state/deal-state.projection.js';
import { DEAL_STATE_TABLES } from './deal-state/deal-state.schema.js';
import { positionBefore } from './position-at-time.js';
import { ProjectionRunner } from './projection-runner.js';
import type { Projection } from './projection.js';
import { openReadModelDatabase } from './read-model-database.js';

type Apply = ReturnType<Projection['prepare']>;

/** The projection at its next version, each event going through `change` on its way to the old `apply`. */
function nextVersionOf(projection: Projection, change: (apply: Apply) => Apply): Projection {
  return { ...projection, version: projection.version + 1, prepare: (database, tables) => change(projection.prepare(database, tables)) };
}

async function referenceStore(clock: ControlledClock): Promise<EventStore> {
  const store = new InMemoryEventStore({ clock: clock.now });
  for (const line of [...referenceDealLines(), ...laterHypotheticalLines()]) {
    clock.advance(60_000);
    await recordCommands(store, [commandOf(line)]);
  }
  return store;
}

const tableNames = (db: Database): string[] =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('the projection runner, rebuilding beside the live tables', () => {
  const clock = new ControlledClock();
  let store: EventStore;

  beforeAll(async () => {
    store = await referenceStore(clock);
  });

  async function running(projections: Projection[], db: Database = openReadModelDatabase(':memory:')) {
    const runner = new ProjectionRunner(store, db, projections, { shadowIdleMs: 5 });
    runner.start();
    expect(await runner.catchUp(5_000)).toBe(true);
    return { db, runner };
  }

  it('swaps a rebuilt generation in: a reader prepared before the swap reads the new tables, the old ones are dropped', async () => {
    const { db, runner } = await running([dealStateProjection]);
    const reader = new DealStateReader(db);
    const before = reader.getDeal(REFERENCE_DEAL_ID);
    const rows = dumpProjection(db, dealStateProjection);

    const swap = runner.whenSwapped('deal-state');
    const record = runner.rebuild('deal-state', { requestedBy: 'admin', reason: 'checking' });
    expect(record).toMatchObject({ kind: 'rebuild', generation: 1, fromPosition: 0, requestedBy: 'admin' });
    expect((await runner.statusOf('deal-state')).state).toBe('rebuilding');
    expect(await swap).toMatchObject({ fromGeneration: 0, toGeneration: 1, comparison: { identical: true } });

    expect(new ProjectionPositions(db).get('deal-state')).toMatchObject({ generation: 1, version: dealStateProjection.version });
    expect(tableNames(db).filter((t) => t.startsWith('deal_state_'))).toEqual(
      [...DEAL_STATE_TABLES].map((t) => `${t}__g1`).sort(),
    );
    expect(reader.getDeal(REFERENCE_DEAL_ID)).toEqual(before);
    expect(dumpProjection(db, dealStateProjection)).toBe(rows);
    const status = await runner.statusOf('deal-state');
    expect(status).toMatchObject({ state: 'running', generation: 1, lastSwap: { toGeneration: 1, reason: 'checking' } });
    expect(status.build).toBeUndefined();
    await runner.stop();
  });

  it('keeps the live generation fed while a rebuild runs, so commands still read their writes', async () => {
    const own = new InMemoryEventStore({ clock: clock.now });
    await recordCommands(own, referenceDealLines().map(commandOf));
    const db = openReadModelDatabase(':memory:');
    const runner = new ProjectionRunner(own, db, [dealStateProjection], { shadowIdleMs: 5, batchSize: 2 });
    runner.start();
    await runner.catchUp(5_000);
    const swap = runner.whenSwapped('deal-state');
    runner.rebuild('deal-state', { requestedBy: 'admin' });
    const [written] = await recordCommands(own, [commandOf(laterHypotheticalLines()[0]!)]);
    expect(await runner.waitFor(written!.position, 5_000)).toBe(true);
    expect(new DealStateReader(db).getDeal(REFERENCE_DEAL_ID)!.revision).toBe(written!.revision);
    await swap;
    expect(new DealStateReader(db).getDeal(REFERENCE_DEAL_ID)!.revision).toBe(written!.revision);
    await runner.stop();
  });

  it('after a version bump, serves the old rows until the new version swaps in, and reports the changed rows', async () => {
    const { db, runner } = await running([dealStateProjection]);
    await runner.stop();
    const { version } = dealStateProjection;
    const shouting = nextVersionOf(dealStateProjection, (apply) => (event) =>
      apply(event.type === 'DealRegistered.v2' ? { ...event, data: { ...event.data, title: String(event.data.title).toUpperCase() } } : event),
    );
    const operations: string[] = [];
    const bumped = new ProjectionRunner(store, db, [shouting], {
      shadowIdleMs: 5,
      onOperation: (o) => operations.push(o.type),
    });
    const swap = bumped.whenSwapped('deal-state');
    bumped.start();
    // Served at once, from the old version's rows: no error, nothing empty.
    const status = await bumped.statusOf('deal-state');
    expect(status).toMatchObject({
      version: version + 1,
      servedVersion: version,
      state: 'rebuilding',
      build: { version: version + 1, requestedBy: 'system:start-up' },
    });
    expect(new DealStateReader(db).getDeal(REFERENCE_DEAL_ID)!.title).toMatch(/^JOGMEC and Iwatani/);

    const { comparison } = await swap;
    expect(comparison.identical).toBe(false);
    expect(comparison.differences).toBe(1);
    expect(comparison.tables.find((t) => t.table === 'deal_state_deals')).toMatchObject({
      changed: 1,
      added: 0,
      removed: 0,
      samples: { changed: [JSON.stringify([REFERENCE_DEAL_ID])] },
    });
    expect(new DealStateReader(db).getDeal(REFERENCE_DEAL_ID)!.title).toMatch(/^JOGMEC AND IWATANI/);
    expect(operations).toEqual(['rebuild-started', 'swapped']);
    expect(new ProjectionPositions(db).get('deal-state')).toMatchObject({ version: version + 1, generation: 1 });
    await bumped.stop();
  });

  it('resumes a rebuild from its own checkpoint after a stop, and drops generations left orphaned', async () => {
    const db = openReadModelDatabase(':memory:');
    const first = new ProjectionRunner(store, db, [dealStateProjection], { batchSize: 3, shadowIdleMs: 5 });
    first.start();
    await first.catchUp(5_000);
    const expected = dumpProjection(db, dealStateProjection);
    first.rebuild('deal-state', { requestedBy: 'admin' });
    await new Promise((resolve) => setImmediate(resolve));
    await first.stop();
    const interrupted = (await first.statusOf('deal-state')).build!;
    expect(interrupted.position).toBeGreaterThan(0);
    expect(interrupted.position).toBeLessThan(await store.headPosition());
    // A table set no record points at, as a crash between a swap and its cleanup leaves.
    dealStateProjection.setup(db, { generation: 7, name: (base) => `${base}__g7` });

    const second = new ProjectionRunner(store, db, [dealStateProjection], { batchSize: 3, shadowIdleMs: 5 });
    const swap = second.whenSwapped('deal-state');
    second.start();
    expect(tableNames(db).some((t) => t.endsWith('__g7'))).toBe(false);
    expect((await swap).comparison.identical).toBe(true);
    expect(dumpProjection(db, dealStateProjection)).toBe(expected);
    expect(await second.quarantined('deal-state')).toEqual([]);
    await second.stop();
  });

  it('holds the swap while the new generation has a quarantined event, and swaps once it is skipped', async () => {
    const { db, runner } = await running([dealStateProjection]);
    const served = dumpProjection(db, dealStateProjection);
    await runner.stop();
    const { version } = dealStateProjection;
    const noNotes = nextVersionOf(dealStateProjection, (apply) => (event) => {
      if (event.type === 'NoteRecorded.v1') throw new Error('notes are not supported yet');
      apply(event);
    });
    const bumped = new ProjectionRunner(store, db, [noNotes], { shadowIdleMs: 5 });
    const swap = bumped.whenSwapped('deal-state');
    bumped.start();
    let status = await bumped.statusOf('deal-state');
    for (let n = 0; n < 200 && status.build?.state !== 'stalled'; n++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = await bumped.statusOf('deal-state');
    }
    expect(status).toMatchObject({ state: 'stalled', servedVersion: version, build: { state: 'stalled', quarantined: 1 } });
    // Readers still get the old version's rows, whole.
    expect(dumpProjection(db, dealStateProjection)).toBe(served);
    const [quarantined] = await bumped.quarantined('deal-state');
    expect(quarantined).toMatchObject({ slot: 'shadow', eventType: 'NoteRecorded.v1' });

    // The deal has two notes: skipping the first moves the quarantine on to the second.
    const skip = { requestedBy: 'admin', reason: 'notes come in the next version' };
    const moved = await bumped.skip('deal-state', quarantined!.id, skip);
    expect(moved).toMatchObject({ outcome: 'moved', quarantine: { eventType: 'NoteRecorded.v1' } });
    expect(moved.outcome === 'moved' && moved.quarantine.position).toBeGreaterThan(quarantined!.position);
    expect(await bumped.skip('deal-state', quarantined!.id, skip)).toMatchObject({ outcome: 'resolved' });
    const { comparison } = await swap;
    expect(comparison.tables.find((t) => t.table === 'deal_state_notes')).toMatchObject({ removed: 2, added: 0 });
    expect(await bumped.statusOf('deal-state')).toMatchObject({ state: 'running', servedVersion: version + 1, quarantined: 0 });
    await bumped.stop();
  });

  it('replays from a point: rows after it are rewritten by the current code, rows before it kept', async () => {
    const label = { current: 'old' };
    const activity = activityProjection(label);
    const { db, runner } = await running([activity, dealStateProjection]);
    const head = await store.headPosition();
    const from = head - 4;
    label.current = 'new';
    expect(() => runner.replay('deal-state', from, { requestedBy: 'admin' })).toThrow(
      expect.objectContaining({ code: 'PROJECTION.REPLAY_UNSUPPORTED' }),
    );
    expect(() => runner.replay('activity', head + 1, { requestedBy: 'admin' })).toThrow(
      expect.objectContaining({ code: 'PROJECTION.REPLAY_FROM_AHEAD' }),
    );
    const swap = runner.whenSwapped('activity');
    expect(runner.replay('activity', from, { requestedBy: 'admin' })).toMatchObject({ kind: 'replay', fromPosition: from });
    const { comparison } = await swap;
    expect(comparison.tables[0]).toMatchObject({ changed: 4, added: 0, removed: 0, unchanged: head - 4 });
    const labels = db.prepare('SELECT position, label FROM activity_rows__g1 ORDER BY position').all() as { position: number; label: string }[];
    expect(labels.filter((r) => r.label.startsWith('new')).map((r) => r.position)).toEqual([head - 3, head - 2, head - 1, head]);
    await runner.stop();
  });

  it('finds the position before a time by its commit times', async () => {
    const events = [];
    for await (const event of store.readAll()) events.push(event);
    const fifth = events[4]!;
    expect(await positionBefore(store, new Date(fifth.recordedAt))).toBe(events[3]!.position);
    expect(await positionBefore(store, new Date('2000-01-01T00:00:00Z'))).toBe(0);
    expect(await positionBefore(store, new Date('2100-01-01T00:00:00Z'))).toBe(events[events.length - 1]!.position);
  });

  it('refuses what it cannot do, with stable codes', async () => {
    const fixedNames: Projection = { ...dealStateProjection, name: 'fixed', tables: undefined };
    const { runner } = await running([dealStateProjection]);
    expect(() => runner.rebuild('nope', { requestedBy: 'a' })).toThrow(expect.objectContaining({ code: 'PROJECTION.NOT_FOUND' }));
    runner.rebuild('deal-state', { requestedBy: 'a' });
    expect(() => runner.rebuild('deal-state', { requestedBy: 'a' })).toThrow(
      expect.objectContaining({ code: 'PROJECTION.REBUILD_IN_PROGRESS' }),
    );
    await runner.stop();
    const other = new ProjectionRunner(store, openReadModelDatabase(':memory:'), [fixedNames]);
    other.start();
    expect(() => other.rebuild('fixed', { requestedBy: 'a' })).toThrow(
      expect.objectContaining({ code: 'PROJECTION.REBUILD_UNSUPPORTED' }),
    );
    await other.stop();
  });
});
