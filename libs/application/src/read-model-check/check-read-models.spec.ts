import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { InMemoryEventStore, type EventStore } from '#event-store';
import { ProjectionRunner, auditProjection, dealStateProjection, openReadModelDatabase } from '#projections';
import { ControlledClock, commandOf, laterHypotheticalLines, recordCommands, referenceDealLines } from '#testing';
import { registration, step } from '../../../domain/src/deal/testing/arbitrary-commands.js';
import { recordArbitraryStep } from '../testing/record-arbitrary-step.js';
import { checkReadModels, type ReadModelCheckProgress } from './check-read-models.js';
import type { ReadModelDifference } from './read-model-difference.js';

const OTHER = 'other-deal';

async function project(store: EventStore): Promise<Database> {
  const db = openReadModelDatabase(':memory:');
  const runner = new ProjectionRunner(store, db, [dealStateProjection, auditProjection]);
  runner.start();
  expect(await runner.catchUp(10_000)).toBe(true);
  await runner.stop();
  return db;
}

/** The reference deal with its later changes, and a second, small deal. */
async function twoDeals(): Promise<{ store: EventStore; db: Database }> {
  const clock = new ControlledClock();
  const store = new InMemoryEventStore({ clock: clock.now });
  for (const line of [...referenceDealLines(), ...laterHypotheticalLines()]) {
    clock.advance(60_000);
    await recordCommands(store, [commandOf(line)]);
  }
  const source = { publisher: 'Wire', tier: 'primary' as const };
  await recordCommands(store, [
    { type: 'RegisterDeal', dealId: OTHER, title: 'Another deal', parties: [{ partyId: 'acme', name: 'Acme', kind: 'company', roles: ['seller'] }], commodities: ['lithium'], source, reportedAt: '2025-04-01' },
    { type: 'ReportCapacity', dealId: OTHER, facility: 'plant', product: 'lithium', capacity: { figureId: 'capacity', value: { measure: { kind: 'quantity', unit: 't' }, qualifier: 'about', amount: '20000' }, source, reportedAt: '2025-04-01' } },
  ]);
  return { store, db: await project(store) };
}

describe('checking every read model against the log', () => {
  let store: EventStore;
  let db: Database;

  beforeEach(async () => {
    ({ store, db } = await twoDeals());
  });

  afterEach(() => db.close());

  it('finds nothing on a ledger nobody edited, deal by deal, with its progress', async () => {
    const progress: ReadModelCheckProgress[] = [];
    const report = await checkReadModels(store, db, { onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({ ok: true, deals: 2, events: 18, differenceCount: 0, differences: [], checkpointsAhead: [] });
    expect(progress.filter((p) => p.stage === 'read-models')).toEqual([
      { stage: 'read-models', done: 1, total: 2, differences: 0 },
      { stage: 'read-models', done: 2, total: 2, differences: 0 },
    ]);
    expect(progress.at(-1)).toEqual({ stage: 'log', done: report.head, total: report.head, differences: 0 });
  });

  it('names a deal row whose stream does not exist, and a stray figure row of a deal with no deal row', async () => {
    db.prepare(`INSERT INTO deal_state_deals SELECT 'ghost-deal', title, site, commodities, parties, source, reported_at, revision, position,
      registered_at, registered_by, updated_at, figure_count FROM deal_state_deals WHERE deal_id = ?`).run(OTHER);
    db.prepare(`INSERT INTO deal_state_figures SELECT 'stray-deal', figure_id, ordinal, fact, context, value, source, reported_at, effective_at,
      status, change, first_recorded_at, recorded_at, recorded_by, last_event_id, last_position, change_reason, stage FROM deal_state_figures WHERE deal_id = ?`).run(OTHER);
    const streamed: ReadModelDifference[] = [];
    const report = await checkReadModels(store, db, { onDifference: (d) => streamed.push(d) });

    expect(report).toMatchObject({ ok: false, deals: 4, differenceCount: 3 });
    expect(report.differences).toEqual(streamed);
    expect(streamed).toEqual([
      expect.objectContaining({ kind: 'ahead-of-log', dealId: 'ghost-deal', table: 'deal_state_deals', column: 'revision', served: 1, expected: null }),
      expect.objectContaining({ kind: 'row-unexpected', dealId: 'ghost-deal', table: 'deal_state_deals', key: { deal_id: 'ghost-deal' } }),
      expect.objectContaining({ kind: 'row-unexpected', dealId: 'stray-deal', table: 'deal_state_figures', key: { deal_id: 'stray-deal', figure_id: 'capacity' } }),
    ]);
  });

  it('finds a deal of the log the read models lack altogether, and keeps only the first differences it is asked to', async () => {
    for (const table of ['deal_state_deals', 'deal_state_parties', 'deal_state_commodities', 'deal_state_figures', 'audit_deal_events', 'audit_figure_changes']) {
      db.prepare(`DELETE FROM ${table} WHERE deal_id = ?`).run(OTHER);
    }
    let streamed = 0;
    const report = await checkReadModels(store, db, { keep: 2, onDifference: () => streamed++ });
    expect(report).toMatchObject({ ok: false, deals: 2, differenceCount: 7 });
    expect(streamed).toBe(7);
    expect(report.differences).toEqual([
      expect.objectContaining({ kind: 'row-missing', dealId: OTHER, table: 'deal_state_deals', served: null }),
      expect.objectContaining({ kind: 'row-missing', dealId: OTHER, table: 'deal_state_parties', key: { deal_id: OTHER, party_id: 'acme' } }),
    ]);
  });

  it('reports a projection whose checkpoint is beyond the head of the log', async () => {
    db.prepare("UPDATE projection_checkpoints SET position = 999 WHERE name = 'audit-trail'").run();
    const report = await checkReadModels(store, db);
    expect(report.ok).toBe(false);
    expect(report.checkpointsAhead).toEqual([{ projection: 'audit-trail', position: 999, head: report.head }]);
  });

  it('property: finds nothing for any history of commands the projections were fed', async () => {
    await fc.assert(
      fc.asyncProperty(registration, fc.array(step, { minLength: 1, maxLength: 25 }), async (register, steps) => {
        const history = new InMemoryEventStore();
        await recordCommands(history, [register]);
        for (const next of steps) await recordArbitraryStep(history, next);
        const projected = await project(history);
        try {
          const report = await checkReadModels(history, projected);
          expect(report.differences).toEqual([]);
          expect(report).toMatchObject({ ok: true, deals: 1 });
        } finally {
          projected.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
