import type { Database } from 'better-sqlite3';
import { InMemoryEventStore } from '#event-store';
import { AuditReader, ProjectionRunner, auditProjection, dealStateProjection, openReadModelDatabase } from '#projections';
import { ControlledClock, commandOf, recordCommands, referenceDealLines } from '#testing';
import { fixedPositionOf, type RecordPointSources } from './record-point.js';

/** Issue 13, item 7b: a moment of the record is answered only once its answer cannot change. */
describe('fixing a moment of the record', () => {
  const clock = new ControlledClock();
  let store: InMemoryEventStore;
  let db: Database;
  let runner: ProjectionRunner;
  let sources: RecordPointSources;

  beforeEach(async () => {
    clock.set('2025-03-17T12:00:00.000Z');
    store = new InMemoryEventStore({ clock: clock.now });
    const [register, ...facts] = referenceDealLines();
    await recordCommands(store, [commandOf(register!)]); // position 1, at 12:00
    clock.set('2025-03-17T13:00:00.000Z');
    await recordCommands(store, facts.slice(0, 2).map(commandOf)); // positions 2 and 3, at 13:00
    clock.set('2025-03-17T14:00:00.000Z');
    db = openReadModelDatabase(':memory:');
    // Not started: the read models have applied nothing yet, as on a replica far behind.
    runner = new ProjectionRunner(store, db, [dealStateProjection, auditProjection]);
    runner.setUpTables();
    sources = { store, audit: new AuditReader(db), readModels: runner, clock: clock.now, waitMs: 50 };
  });

  afterEach(async () => {
    await runner.stop();
    db.close();
  });

  it('refuses a position beyond the head of the log, naming the field', async () => {
    await expect(fixedPositionOf({ position: 4 }, 'to', sources)).rejects.toMatchObject({
      code: 'AUDIT.KNOWN_AT_BEYOND_HEAD',
      kind: 'invalid',
      details: { field: 'to', position: '4', head: '3' },
    });
  });

  it('refuses an instant that is not yet past: now, or later', async () => {
    for (const time of ['2025-03-17T14:00:00.000Z', '2025-03-17T15:00:00+01:00', '2030-01-01']) {
      await expect(fixedPositionOf({ time }, 'knownAt', sources)).rejects.toMatchObject({
        code: 'AUDIT.KNOWN_AT_IN_FUTURE',
        details: { field: 'knownAt', now: '2025-03-17T14:00:00.000Z' },
      });
    }
  });

  it('does not answer from read models behind the moment: 503 READ_MODEL.BEHIND once the wait is over', async () => {
    await expect(fixedPositionOf({ position: 3 }, 'knownAt', sources)).rejects.toMatchObject({ code: 'READ_MODEL.BEHIND', kind: 'unavailable' });
    await expect(fixedPositionOf({ time: '2025-03-17T13:30:00Z' }, 'knownAt', sources)).rejects.toMatchObject({ code: 'READ_MODEL.BEHIND' });
  });

  it('waits for the read models to reach the moment, then answers with the position it stands for', async () => {
    const waiting = { ...sources, waitMs: 5_000 };
    const byTime = fixedPositionOf({ time: '2025-03-17T13:30:00Z' }, 'knownAt', waiting);
    const beforeTheFacts = fixedPositionOf({ time: '2025-03-17T12:59:59.999Z' }, 'knownAt', waiting);
    const byPosition = fixedPositionOf({ position: 2 }, 'knownAt', waiting);
    runner.start();
    expect(await byTime).toBe(3);
    expect(await beforeTheFacts).toBe(1);
    expect(await byPosition).toBe(2);
  });
});
