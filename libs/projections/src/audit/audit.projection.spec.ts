import { InMemoryEventStore, type EventStore } from '#event-store';
import { ControlledClock, commandOf, dumpProjection, dumpTables, laterHypotheticalLines, recordCommands, referenceDealLines } from '#testing';
import { ProjectionRunner } from '../projection-runner.js';
import { openReadModelDatabase } from '../read-model-database.js';
import { AuditReader } from './audit.reader.js';
import { auditProjection } from './audit.projection.js';
import { AUDIT_TABLES } from './audit.schema.js';

async function referenceStore(): Promise<EventStore> {
  const clock = new ControlledClock();
  const store = new InMemoryEventStore({ clock: clock.now });
  for (const line of [...referenceDealLines(), ...laterHypotheticalLines()]) {
    clock.advance(86_400_000);
    await recordCommands(store, [commandOf(line)]);
  }
  return store;
}

async function project(store: EventStore, batchSize: number) {
  const db = openReadModelDatabase(':memory:');
  const runner = new ProjectionRunner(store, db, [auditProjection], { batchSize });
  runner.start();
  await runner.catchUp(10_000);
  await runner.stop();
  return db;
}

/** The reference deal's audit trail, caught up by a runner left running to rebuild or replay it. */
async function runningAuditTrail() {
  const db = openReadModelDatabase(':memory:');
  const runner = new ProjectionRunner(await referenceStore(), db, [auditProjection], { shadowIdleMs: 5 });
  runner.start();
  await runner.catchUp(10_000);
  return { db, runner };
}

describe('the audit-trail projection', () => {
  it('keeps one entry per report, revision, correction and retraction, with what changed', async () => {
    const db = await project(await referenceStore(), 1000);
    const history = new AuditReader(db).figureHistory('caremag-2025', 'investment-amount');
    expect(history.map((e) => [e.change, e.changed])).toEqual([
      ['initial', []],
      ['revision', ['qualifier', 'amount', 'conversions', 'source', 'reportedAt', 'effectiveAt']],
    ]);
    expect(history[1]!.previousValue).toMatchObject({ qualifier: 'up_to', amount: '110000000' });
    db.close();
  });

  it('writes the same rows whatever the batch size, and again after truncate and replay', async () => {
    const store = await referenceStore();
    const big = await project(store, 1000);
    const small = await project(store, 1);
    const rows = dumpTables(big, AUDIT_TABLES);
    expect(dumpTables(small, AUDIT_TABLES)).toBe(rows);

    auditProjection.truncate(big);
    expect(dumpTables(big, AUDIT_TABLES)).not.toBe(rows);
    big.prepare('DELETE FROM projection_checkpoints').run();
    const replay = new ProjectionRunner(store, big, [auditProjection]);
    replay.start();
    await replay.catchUp(10_000);
    await replay.stop();
    expect(dumpTables(big, AUDIT_TABLES)).toBe(rows);
    big.close();
    small.close();
  });
});

describe('the audit trail under projection operations', () => {
  it('rebuilds beside the live tables and swaps in the same rows, readers answering throughout', async () => {
    const { db, runner } = await runningAuditTrail();
    const reader = new AuditReader(db);
    const before = reader.figureHistory('caremag-2025', 'capacity-dysprosium');
    const rows = dumpProjection(db, auditProjection);

    const swapped = runner.whenSwapped('audit-trail');
    runner.rebuild('audit-trail', { requestedBy: 'admin', reason: 'checking' });
    expect(reader.figureHistory('caremag-2025', 'capacity-dysprosium')).toEqual(before);
    expect(await swapped).toMatchObject({ toGeneration: 1, comparison: { identical: true } });
    expect(reader.figureHistory('caremag-2025', 'capacity-dysprosium')).toEqual(before);
    expect(dumpProjection(db, auditProjection)).toBe(rows);
    await runner.stop();
    db.close();
  });

  it('replays from a position: what was learnt after it is forgotten, then learnt again', async () => {
    const { db, runner } = await runningAuditTrail();
    const rows = dumpProjection(db, auditProjection);
    const swapped = runner.whenSwapped('audit-trail');
    runner.replay('audit-trail', 10, { requestedBy: 'admin', reason: 'checking' });
    expect(await swapped).toMatchObject({ comparison: { identical: true } });
    expect(dumpProjection(db, auditProjection)).toBe(rows);
    await runner.stop();
    db.close();
  });
});
