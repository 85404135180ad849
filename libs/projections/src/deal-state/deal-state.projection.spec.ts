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
import { CheckpointTable } from '../checkpoints.js';
import { ProjectionRunner } from '../projection-runner.js';
import type { Projection } from '../projection.js';
import { openReadModelDatabase } from '../read-model-database.js';
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

  it('truncated and replayed, writes the same rows byte for byte', async () => {
    const before = dumpTables(db, DEAL_STATE_TABLES);
    await runner.stop();
    db.transaction(() => {
      dealStateProjection.truncate(db);
      new CheckpointTable(db).save(dealStateProjection.name, dealStateProjection.version, 0);
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

  it('commits rows and checkpoint together: a failing event leaves both where they were', async () => {
    let applied = 0;
    const failing: Projection = {
      ...dealStateProjection,
      name: 'failing',
      setup: () => db.exec('CREATE TABLE IF NOT EXISTS failing_rows (position INTEGER PRIMARY KEY)'),
      truncate: () => db.exec('DELETE FROM failing_rows'),
      prepare: (database) => {
        const insert = database.prepare('INSERT INTO failing_rows (position) VALUES (?)');
        return (event) => {
          if (++applied === 5) throw new Error('poison');
          insert.run(event.position);
        };
      },
    };
    const errors: unknown[] = [];
    const faulty = new ProjectionRunner(store, db, [failing], { onError: (e) => errors.push(e) });
    faulty.start();
    expect(await faulty.catchUp(2_000)).toBe(false);
    expect(faulty.state).toBe('faulted');
    expect(errors).toHaveLength(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM failing_rows').get()).toEqual({ n: 0 });
    expect(new CheckpointTable(db).get('failing')?.position ?? 0).toBe(0);
    await faulty.stop();
  });

  it('resumes from its checkpoint after a restart without applying an event twice', async () => {
    const file = ':memory:';
    const fresh = openReadModelDatabase(file);
    const first = new ProjectionRunner(store, fresh, [dealStateProjection]);
    first.start();
    await first.catchUp(10_000);
    await first.stop();
    const checkpoint = new CheckpointTable(fresh).get('deal-state')!.position;
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
