import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { verifyLog } from '#event-store';
import { dealStateProjection, DealStateReader, openReadModelDatabase, ProjectionRunner } from '#projections';
import { KurrentDbEventStore } from '../../libs/event-store/src/adapters/kurrentdb/kurrentdb-event-store.js';
import { KurrentDbClientDouble } from '../../libs/event-store/src/adapters/kurrentdb/testing/kurrentdb-client-double.js';
import { percentageMetric } from '../support/small-deal.js';
import { DealWriter } from './support/deal-writer.js';

/**
 * Issue 17, item 2, on the KurrentDB client DOUBLE (no server runs here): anyone who may
 * write a ledger stream on the server can put there an event the ledger did not write. It
 * must not stop the read models of every replica: each replica's runner quarantines it and
 * applies the other deals' later events; verification still names it.
 */
describe('a foreign event in a ledger stream on KurrentDB (over the KurrentDB client double)', () => {
  let client: KurrentDbClientDouble;
  let store: KurrentDbEventStore;
  let writer: DealWriter;
  const replicas: { db: Database; runner: ProjectionRunner }[] = [];
  let foreignPosition: number;

  beforeAll(async () => {
    client = new KurrentDbClientDouble();
    store = await KurrentDbEventStore.overClient(client, { readPageSize: 20, retryDelayMs: 20 });
    writer = new DealWriter(store);
    for (const dealId of ['north', 'south', 'north', 'south']) await writer.write(dealId);
    for (let i = 0; i < 2; i++) {
      const db = openReadModelDatabase(':memory:');
      const runner = new ProjectionRunner(store, db, [dealStateProjection], { batchSize: 4 });
      runner.start();
      replicas.push({ db, runner });
    }

    // Written straight through the client, as any KurrentDB user allowed to write the stream could:
    // a figure the deal-state projection handles, without the ledger's commit time and hash.
    await client.appendToStream(
      'deal-north',
      { id: randomUUID(), contentType: 'application/json', type: 'MetricReported.v2', data: percentageMetric('metric-forged', '99'), metadata: { actor: 'intruder' } },
      { streamState: 1n },
    );
    foreignPosition = await store.headPosition();
    for (let i = 0; i < 3; i++) await writer.write('south');
    await writer.write('east');
  });

  afterAll(async () => {
    for (const { runner, db } of replicas) {
      await runner.stop();
      db.close();
    }
    await store.close();
  });

  it('every replica quarantines it and projects the events after it', async () => {
    for (const { runner, db } of replicas) {
      expect(await runner.catchUp(5_000)).toBe(true);
      expect(runner.state).toBe('running');
      const quarantined = await runner.quarantined(dealStateProjection.name);
      expect(quarantined).toHaveLength(1);
      expect(quarantined[0]).toMatchObject({ streamId: 'deal-north', revision: 2, position: foreignPosition });
      expect(quarantined[0]!.error).toMatch(/cannot be read.*not written by the ledger/);
      const read = new DealStateReader(db);
      expect(read.getDeal('south')!.revision).toBe(4);
      expect(read.getDeal('east')!.revision).toBe(0);
      expect(read.getDeal('north')!.revision).toBe(1);
    }
  });

  it('verification names it as an unreadable event where it stands', async () => {
    const report = await verifyLog(store, {});
    expect(report.problem).toMatchObject({ code: 'CHAIN.UNREADABLE_EVENT', streamId: 'deal-north', revision: 2, position: foreignPosition });
  });

  it('the ledger writes no more to its stream: the hash chain cannot continue past an event it cannot read', async () => {
    await expect(store.append('deal-north', [newFigure()], 2)).rejects.toMatchObject({ code: 'STORE.UNREADABLE_EVENT' });
  });
});

function newFigure() {
  const id = randomUUID();
  return { eventId: id, type: 'MetricReported.v2', data: percentageMetric('metric-x', '1'), metadata: { actor: 'writer', commandId: id, correlationId: id, causationId: id } };
}
