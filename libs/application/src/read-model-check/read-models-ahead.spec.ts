import type { Database } from 'better-sqlite3';
import { InMemoryEventStore, type EventStore } from '#event-store';
import { ProjectionRunner, auditProjection, dealStateProjection, openReadModelDatabase } from '#projections';
import { commandOf, recordCommands, REFERENCE_DEAL_ID, referenceDealLines } from '#testing';
import { findReadModelsAheadOfLog } from './read-models-ahead.js';

describe('finding read models ahead of the log (the check at server start)', () => {
  let store: EventStore;
  let db: Database;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    await recordCommands(store, referenceDealLines().map(commandOf));
    db = openReadModelDatabase(':memory:');
    const runner = new ProjectionRunner(store, db, [dealStateProjection, auditProjection]);
    runner.start();
    await runner.catchUp(10_000);
    await runner.stop();
  });

  afterEach(() => db.close());

  it('finds nothing when the read models were made from this log', async () => {
    expect(await findReadModelsAheadOfLog(store, db)).toEqual([]);
  });

  it('names a deal whose revision its stream does not have, a deal with no stream, and a checkpoint beyond the head', async () => {
    db.prepare('UPDATE deal_state_deals SET revision = revision + 1 WHERE deal_id = ?').run(REFERENCE_DEAL_ID);
    db.prepare(`INSERT INTO deal_state_deals SELECT 'ghost-deal', title, site, commodities, parties, source, reported_at, 0, position,
      registered_at, registered_by, updated_at, figure_count FROM deal_state_deals WHERE deal_id = ?`).run(REFERENCE_DEAL_ID);
    db.prepare("UPDATE projection_checkpoints SET position = position + 5 WHERE name = 'deal-state'").run();
    const head = await store.headPosition();
    const found: unknown[] = [];

    expect(await findReadModelsAheadOfLog(store, db, { onFound: (f) => found.push(f), pageSize: 1 })).toEqual([
      { kind: 'checkpoint', projection: 'deal-state', position: head + 5, head },
      { kind: 'deal', dealId: REFERENCE_DEAL_ID, revision: 12, streamRevision: 11 },
      { kind: 'deal', dealId: 'ghost-deal', revision: 0, streamRevision: null },
    ]);
    expect(found).toHaveLength(3);
  });

  it('stops between deals when asked to', async () => {
    db.prepare('UPDATE deal_state_deals SET revision = revision + 1 WHERE deal_id = ?').run(REFERENCE_DEAL_ID);
    const stop = new AbortController();
    stop.abort();
    expect(await findReadModelsAheadOfLog(store, db, { signal: stop.signal })).toEqual([]);
  });
});
