import type { Database } from 'better-sqlite3';
import { InMemoryEventStore, type EventStore } from '#event-store';
import { ProjectionRunner, auditProjection, dealStateProjection, openReadModelDatabase, type Projection } from '#projections';
import { ControlledClock, commandOf, laterHypotheticalLines, recordCommands, REFERENCE_DEAL_ID, referenceDealLines } from '#testing';
import { DealReadModelChecker, checkDealReadModel } from './check-deal-read-model.js';

const DEAL = REFERENCE_DEAL_ID;

/** The reference deal and its later (hypothetical) changes, projected and caught up, the runner stopped. */
async function referenceLedger(): Promise<{ store: EventStore; db: Database; runner: ProjectionRunner }> {
  const clock = new ControlledClock();
  const store = new InMemoryEventStore({ clock: clock.now });
  for (const line of [...referenceDealLines(), ...laterHypotheticalLines()]) {
    clock.advance(60_000);
    await recordCommands(store, [commandOf(line)]);
  }
  const db = openReadModelDatabase(':memory:');
  const runner = new ProjectionRunner(store, db, [dealStateProjection, auditProjection], { shadowIdleMs: 5 });
  runner.start();
  await runner.catchUp(10_000);
  await runner.stop();
  return { store, db, runner };
}

const valueOf = (db: Database, table: string, figureId: string): string =>
  db.prepare(`SELECT value FROM ${table} WHERE deal_id = ? AND figure_id = ?`).pluck().get(DEAL, figureId) as string;

describe("checking a deal's read-model rows against its events", () => {
  let store: EventStore;
  let db: Database;

  beforeEach(async () => {
    ({ store, db } = await referenceLedger());
  });

  afterEach(() => db.close());

  it('finds nothing on a ledger nobody edited', async () => {
    expect(await checkDealReadModel(store, db, DEAL)).toEqual([]);
  });

  it("names a figure whose value was edited in the read model: table, key, column, value served and value the events give", async () => {
    const original = valueOf(db, 'deal_state_figures', 'investment-amount');
    const forged = original.replace('"95000000"', '"9500000"');
    expect(forged).not.toBe(original);
    db.prepare('UPDATE deal_state_figures SET value = ? WHERE deal_id = ? AND figure_id = ?').run(forged, DEAL, 'investment-amount');

    expect(await checkDealReadModel(store, db, DEAL)).toEqual([
      {
        kind: 'value-differs',
        dealId: DEAL,
        projection: 'deal-state',
        table: 'deal_state_figures',
        key: { deal_id: DEAL, figure_id: 'investment-amount' },
        column: 'value',
        served: forged,
        expected: original,
      },
    ]);
  });

  it('names a deleted row, with the row the events give, and a row inserted by hand', async () => {
    const party = db.prepare('SELECT * FROM deal_state_parties WHERE deal_id = ? AND party_id = ?').get(DEAL, 'jogmec');
    db.prepare('DELETE FROM deal_state_parties WHERE deal_id = ? AND party_id = ?').run(DEAL, 'jogmec');
    db.prepare("INSERT INTO deal_state_commodities (deal_id, commodity) VALUES (?, 'gold')").run(DEAL);

    expect(await checkDealReadModel(store, db, DEAL)).toEqual([
      expect.objectContaining({ kind: 'row-missing', table: 'deal_state_parties', key: { deal_id: DEAL, party_id: 'jogmec' }, served: null, expected: party }),
      expect.objectContaining({ kind: 'row-unexpected', table: 'deal_state_commodities', key: { deal_id: DEAL, commodity: 'gold' }, expected: null }),
    ]);
  });

  it('checks the audit trail too: an edited entry of a figure is named by its position', async () => {
    const entry = db.prepare("SELECT position, ordinal, value FROM audit_figure_changes WHERE deal_id = ? AND figure_id = 'capacity-dysprosium' AND change = 'initial'")
      .get(DEAL) as { position: number; ordinal: number; value: string };
    db.prepare('UPDATE audit_figure_changes SET value = ? WHERE position = ? AND ordinal = ?').run(entry.value.replace('"500"', '"50"'), entry.position, entry.ordinal);

    expect(await checkDealReadModel(store, db, DEAL)).toEqual([
      expect.objectContaining({
        kind: 'value-differs',
        projection: 'audit-trail',
        table: 'audit_figure_changes',
        key: { position: entry.position, ordinal: entry.ordinal },
        column: 'value',
        expected: entry.value,
      }),
    ]);
  });

  it('names a deal whose read-model revision is ahead of its stream', async () => {
    db.prepare('UPDATE deal_state_deals SET revision = 99 WHERE deal_id = ?').run(DEAL);
    const differences = await checkDealReadModel(store, db, DEAL);
    expect(differences[0]).toEqual({
      kind: 'ahead-of-log',
      dealId: DEAL,
      projection: 'deal-state',
      table: 'deal_state_deals',
      key: { deal_id: DEAL },
      column: 'revision',
      served: 99,
      expected: 15,
    });
    expect(differences.slice(1)).toEqual([expect.objectContaining({ kind: 'value-differs', column: 'revision', served: 99, expected: 15 })]);
  });

  it('compares the live generation after a blue/green rebuild, and a read model behind the log is no difference', async () => {
    const runner = new ProjectionRunner(store, db, [dealStateProjection, auditProjection], { shadowIdleMs: 5 });
    runner.start();
    const swapped = runner.whenSwapped('deal-state');
    runner.rebuild('deal-state', { requestedBy: 'admin', reason: 'checking' });
    expect(await swapped).toMatchObject({ toGeneration: 1 });
    await runner.stop();
    // Written after the runner stopped: the read models lag behind the log.
    await recordCommands(store, [{ type: 'RetractReport', dealId: DEAL, figureId: 'capacity-terbium', reason: 'withdrawn (hypothetical)' }]);
    expect(await checkDealReadModel(store, db, DEAL)).toEqual([]);

    db.prepare("UPDATE deal_state_figures__g1 SET status = 'retracted' WHERE deal_id = ? AND figure_id = 'offtake-share'").run(DEAL);
    expect(await checkDealReadModel(store, db, DEAL)).toEqual([
      expect.objectContaining({ table: 'deal_state_figures', key: { deal_id: DEAL, figure_id: 'offtake-share' }, column: 'status', served: 'retracted', expected: 'current' }),
    ]);
  });

  it("names an event the projection's code fails on, and the position the read model quarantined for the stream", async () => {
    // deal-state's code, failing on the deal's fifth event: the runner quarantines it and holds the rest of the stream back.
    const failing: Projection = {
      ...dealStateProjection,
      name: 'failing-deal-state',
      prepare: (database, tables) => {
        const apply = dealStateProjection.prepare(database, tables);
        return (event) => {
          apply(event);
          if (event.revision === 4) throw new Error('poison');
        };
      },
    };
    const fresh = openReadModelDatabase(':memory:');
    const runner = new ProjectionRunner(store, fresh, [failing]);
    runner.start();
    await runner.catchUp(10_000);
    await runner.stop();
    const [quarantined] = await runner.quarantined('failing-deal-state');
    const checker = new DealReadModelChecker(store, fresh, [failing]);
    try {
      expect((await checker.check(DEAL)).differences).toEqual([
        {
          kind: 'event-fails',
          dealId: DEAL,
          projection: 'failing-deal-state',
          table: 'projection_quarantine',
          key: { projection: 'failing-deal-state', stream_id: `deal-${DEAL}` },
          column: 'position',
          served: quarantined!.position,
          expected: quarantined!.position,
          note: 'poison',
        },
      ]);
    } finally {
      checker.close();
      fresh.close();
    }
  });

  it('refuses an id no deal can have, as every query does', async () => {
    await expect(checkDealReadModel(store, db, '../x')).rejects.toMatchObject({ code: 'ID.INVALID' });
  });
});
