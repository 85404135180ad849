import type { Database } from 'better-sqlite3';
import { InMemoryEventStore, verifyLog, type EventStore } from '#event-store';
import { ProjectionRunner, auditProjection, dealStateProjection, openReadModelDatabase, partyDirectoryProjection } from '#projections';
import { ControlledClock, commandOf, dumpProjection, recordCommands, REFERENCE_DEAL_ID, referenceDealLines } from '#testing';
import { checkReadModels } from '../../read-model-check/check-read-models.js';
import { disposeRecords } from './dispose-records.js';
import { DEFAULT_RETENTION_SCHEDULE } from './retention-schedule.js';

const OTHER = 'other-deal';
const projections = () => [dealStateProjection, auditProjection, partyDirectoryProjection];

/** Every row of every projection, a line each. */
const dumpProjectionTables = (db: Database): string[] => projections().flatMap((p) => dumpProjection(db, p).split('\n'));

/** Every projection built from the log from the start: what a rebuild gives. */
async function buildReadModels(store: EventStore): Promise<Database> {
  const db = openReadModelDatabase(':memory:');
  const runner = new ProjectionRunner(store, db, projections());
  runner.start();
  expect(await runner.catchUp(10_000)).toBe(true);
  await runner.stop();
  return db;
}

/** The reference deal recorded in 2025, and another deal recorded in 2018 (past six years in 2026). */
async function ledger(): Promise<EventStore> {
  const clock = new ControlledClock('2018-04-01T09:00:00.000Z');
  const store = new InMemoryEventStore({ clock: clock.now });
  const source = { publisher: 'Wire', tier: 'primary' as const };
  await recordCommands(store, [
    { type: 'RegisterDeal', dealId: OTHER, title: 'Another deal', parties: [{ partyId: 'acme', name: 'Acme', kind: 'company', roles: ['seller'] }], commodities: ['lithium'], source, reportedAt: '2018-04-01' },
    { type: 'ReportCapacity', dealId: OTHER, facility: 'plant', product: 'lithium', capacity: { figureId: 'capacity', value: { measure: { kind: 'quantity', unit: 't' }, qualifier: 'about', amount: '20000' }, source, reportedAt: '2018-04-01' } },
  ]);
  clock.set('2025-03-17T09:00:00.000Z');
  for (const line of referenceDealLines()) {
    clock.advance(60_000);
    await recordCommands(store, [commandOf(line)]);
  }
  return store;
}

describe('read models after a disposal', () => {
  it('show the gap until rebuilt (the check names the disposed deal), then hold no rows of it; a rebuild from the log gives the same rows again', async () => {
    const store = await ledger();
    const live = await buildReadModels(store);
    const reference = dumpProjectionTables(live).filter((line) => !line.includes(OTHER));

    const outcome = await disposeRecords(store, {
      reason: 'past retention',
      actor: 'records@example.org',
      now: new Date('2026-12-04T00:00:00.000Z'),
      schedule: DEFAULT_RETENTION_SCHEDULE,
      holds: async () => [],
    });
    expect(new Set(outcome.disposed.map((d) => d.streamId))).toEqual(new Set([`deal-${OTHER}`]));
    expect(await verifyLog(store, { densePositions: true })).toMatchObject({ ok: true });

    // Not silently: the rows built from the emptied events are what the check names.
    const before = await checkReadModels(store, live);
    expect(before.ok).toBe(false);
    expect(new Set(before.differences.map((d) => d.dealId))).toEqual(new Set([OTHER]));
    live.close();

    const rebuilt = await buildReadModels(store);
    const again = await buildReadModels(store);
    try {
      expect(await checkReadModels(store, rebuilt)).toMatchObject({ ok: true, differenceCount: 0 });
      const rows = dumpProjectionTables(rebuilt);
      expect(rows.some((line) => line.includes(OTHER))).toBe(false);
      expect(rows).toEqual(reference);
      expect(dumpProjectionTables(again)).toEqual(rows);
      expect(rows.some((line) => line.includes(REFERENCE_DEAL_ID))).toBe(true);
    } finally {
      rebuilt.close();
      again.close();
    }
  });
});
