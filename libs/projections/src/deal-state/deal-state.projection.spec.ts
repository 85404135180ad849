import type { Database } from 'better-sqlite3';
import { InMemoryEventStore, type EventStore } from '#event-store';
import {
  ControlledClock,
  commandOf,
  dumpTables,
  laterHypotheticalLines,
  recordCommands,
  REFERENCE_DEAL_ID,
  referenceDealLines,
} from '#testing';
import { ProjectionPositions } from '../projection-positions.js';
import { ProjectionRunner } from '../projection-runner.js';
import type { Projection } from '../projection.js';
import { openReadModelDatabase } from '../read-model-database.js';
import { tableSet } from '../table-set.js';
import { DealStateReader } from './deal-state.reader.js';
import { dealStateProjection } from './deal-state.projection.js';
import { DEAL_STATE_TABLES } from './deal-state.schema.js';

async function referenceStore(): Promise<EventStore> {
  const clock = new ControlledClock();
  const store = new InMemoryEventStore({ clock: clock.now });
  const lines = [...referenceDealLines(), ...laterHypotheticalLines()];
  for (const line of lines) {
    clock.advance(60_000);
    await recordCommands(store, [commandOf(line)]);
  }
  return store;
}

async function project(store: EventStore, options: { batchSize?: number } = {}, projections: Projection[] = [dealStateProjection]) {
  const db = openReadModelDatabase(':memory:');
  const runner = new ProjectionRunner(store, db, projections, options);
  runner.start();
  await runner.catchUp(10_000);
  return { db, runner };
}

describe('the deal-state projection', () => {
  let store: EventStore;
  let db: Database;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    store = await referenceStore();
    ({ db, runner } = await project(store));
  });

  afterAll(async () => {
    await runner.stop();
    db.close();
  });

  it('shows every figure at its latest value, with how it got there', () => {
    const deal = new DealStateReader(db).getDeal(REFERENCE_DEAL_ID)!;
    const byId = new Map(deal.figures.map((f) => [f.figureId, f]));
    expect(deal.revision).toBe(15);
    expect(byId.get('investment-amount')).toMatchObject({ status: 'revised', value: { qualifier: 'exact', amount: '95000000' } });
    expect(byId.get('capacity-dysprosium')).toMatchObject({ status: 'corrected', value: { amount: '50' } });
    expect(byId.get('stake-jogmec')).toMatchObject({ status: 'revised', value: { amount: '30' } });
    expect(byId.get('stake-iwatani')).toMatchObject({ status: 'current', value: { qualifier: 'undisclosed' } });
    expect(byId.get('support-gov-fr')!.value.amount).toBe('106000000');
    expect(deal.figures.map((f) => f.figureId)[0]).toBe('investment-amount');
  });

  it("keeps each figure's last change: a revision of an undisclosed value is a disclosure, as in the audit trail", () => {
    const kinds = new Map(new DealStateReader(db).getDeal(REFERENCE_DEAL_ID)!.figures.map((f) => [f.figureId, [f.status, f.change]]));
    expect(kinds.get('investment-amount')).toEqual(['revised', 'revision']);
    expect(kinds.get('stake-jogmec')).toEqual(['revised', 'disclosure']);
    expect(kinds.get('capacity-dysprosium')).toEqual(['corrected', 'correction']);
    expect(kinds.get('stake-iwatani')).toEqual(['current', 'initial']);
  });

  it('serves rows written by version 2 (no `change` column), frozen during the rebuild to version 3, telling the change by the status', async () => {
    const older = await project(store);
    try {
      await older.runner.stop();
      older.db.exec('ALTER TABLE deal_state_figures DROP COLUMN change');
      const kinds = new Map(new DealStateReader(older.db).getDeal(REFERENCE_DEAL_ID)!.figures.map((f) => [f.figureId, f.change]));
      expect(kinds.get('stake-jogmec')).toBe('revision');
      expect(kinds.get('capacity-dysprosium')).toBe('correction');
      expect(kinds.get('stake-iwatani')).toBe('initial');
    } finally {
      older.db.close();
    }
  });

  it('truncated and replayed, writes the same rows byte for byte', async () => {
    const before = dumpTables(db, DEAL_STATE_TABLES);
    await runner.stop();
    db.transaction(() => {
      dealStateProjection.truncate(db, tableSet(0));
      new ProjectionPositions(db).save(dealStateProjection.name, dealStateProjection.version, 0);
    })();
    expect(dumpTables(db, DEAL_STATE_TABLES)).not.toBe(before);

    runner = new ProjectionRunner(store, db, [dealStateProjection]);
    runner.start();
    await runner.catchUp(10_000);
    expect(dumpTables(db, DEAL_STATE_TABLES)).toBe(before);
  });

  it('writes the same rows whatever the batch size', async () => {
    const oneByOne = await project(store, { batchSize: 1 });
    try {
      expect(dumpTables(oneByOne.db, DEAL_STATE_TABLES)).toBe(dumpTables(db, DEAL_STATE_TABLES));
    } finally {
      await oneByOne.runner.stop();
      oneByOne.db.close();
    }
  });

  it('commits rows and checkpoint together: a database failure leaves both where they were and faults', async () => {
    const fresh = openReadModelDatabase(':memory:');
    const errors: unknown[] = [];
    const faulty = new ProjectionRunner(store, fresh, [dealStateProjection], { onError: (e) => errors.push(e) });
    // Tables exist, then the file refuses writes: the fault is the database's, no event's.
    dealStateProjection.setup(fresh, tableSet(0));
    fresh.pragma('query_only = ON');
    faulty.start();
    expect(await faulty.catchUp(2_000)).toBe(false);
    expect(faulty.state).toBe('faulted');
    expect(errors).toHaveLength(1);
    expect((errors[0] as { code?: string }).code).toBe('SQLITE_READONLY');
    expect(fresh.prepare('SELECT COUNT(*) AS n FROM deal_state_deals').get()).toEqual({ n: 0 });
    expect(new ProjectionPositions(fresh).get('deal-state')?.position ?? 0).toBe(0);
    expect(await faulty.quarantined('deal-state')).toEqual([]);
    await faulty.stop();
    fresh.close();
  });

  it('starts again on its own once a full disk has room again, and writes the rows a fault-free run writes', async () => {
    const fresh = openReadModelDatabase(':memory:');
    const errors: unknown[] = [];
    // Small batches: the feed has read ahead of the batch that fails when the fault comes.
    const healing = new ProjectionRunner(store, fresh, [dealStateProjection], { batchSize: 2, onError: (e) => errors.push(e) });
    dealStateProjection.setup(fresh, tableSet(0));
    // No page beyond those the tables hold: the first batch meets SQLITE_FULL, as on a full disk.
    const pages = fresh.pragma('page_count', { simple: true }) as number;
    fresh.pragma(`max_page_count = ${pages}`);
    healing.start();
    expect(await healing.catchUp(1_000)).toBe(false);
    expect(healing.state).toBe('faulted');
    expect((errors[0] as { code?: string }).code).toBe('SQLITE_FULL');

    fresh.pragma('max_page_count = 1073741823'); // the disk has room again
    const deadline = Date.now() + 10_000;
    while (healing.state !== 'running' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await healing.catchUp(10_000)).toBe(true);
    expect(healing.state).toBe('running');
    expect(dumpTables(fresh, DEAL_STATE_TABLES)).toBe(dumpTables(db, DEAL_STATE_TABLES));
    await healing.stop();
    fresh.close();
  });

  it('quarantines an event the projection throws on, keeping its partial rows out, and goes on', async () => {
    const failing: Projection = {
      ...dealStateProjection,
      name: 'failing',
      tables: ['failing_rows'],
      setup: (database, tables) => database.exec(`CREATE TABLE IF NOT EXISTS ${tables!.name('failing_rows')} (position INTEGER PRIMARY KEY)`),
      truncate: (database, tables) => database.exec(`DELETE FROM ${tables!.name('failing_rows')}`),
      prepare: (database, tables) => {
        const insert = database.prepare(`INSERT INTO ${tables!.name('failing_rows')} (position) VALUES (?)`);
        return (event) => {
          insert.run(event.position); // written, then rolled back with the failing event
          if (event.revision === 4) throw new Error('poison');
        };
      },
    };
    const fresh = openReadModelDatabase(':memory:');
    const runner = new ProjectionRunner(store, fresh, [failing]);
    runner.start();
    expect(await runner.catchUp(2_000)).toBe(true);
    expect(runner.state).toBe('running');
    const [quarantined, ...others] = await runner.quarantined('failing');
    expect(others).toEqual([]);
    expect(quarantined).toMatchObject({ slot: 'live', error: 'poison', attempts: 1 });
    const rows = fresh.prepare('SELECT position FROM failing_rows').pluck().all() as number[];
    expect(rows).not.toContain(quarantined!.position);
    // The reference deal is one stream: every later event waits behind the poisoned one.
    expect(rows.every((position) => position < quarantined!.position)).toBe(true);
    expect(quarantined!.waiting).toBe((await store.headPosition()) - quarantined!.position);
    await runner.stop();
    fresh.close();
  });

  it('resumes from its checkpoint after a restart without applying an event twice', async () => {
    const file = ':memory:';
    const fresh = openReadModelDatabase(file);
    const first = new ProjectionRunner(store, fresh, [dealStateProjection]);
    first.start();
    await first.catchUp(10_000);
    await first.stop();
    const checkpoint = new ProjectionPositions(fresh).get('deal-state')!.position;
    expect(checkpoint).toBe(await store.headPosition());

    const second = new ProjectionRunner(store, fresh, [dealStateProjection]);
    second.start();
    await second.catchUp(10_000);
    // Re-applying an event would have hit the figures' primary key and faulted the runner.
    expect(second.state).toBe('running');
    await second.stop();
    expect(dumpTables(fresh, DEAL_STATE_TABLES)).toBe(dumpTables(db, DEAL_STATE_TABLES));
    fresh.close();
  });
});
