import { randomUUID } from 'node:crypto';
import { dealStreamName } from '#domain';
import { InMemoryEventStore, type EventStore } from '#event-store';
import { ControlledClock, REFERENCE_DEAL_ID, commandOf, recordCommands, referenceDealLines } from '#testing';
import { AuditReader } from './audit/audit.reader.js';
import { auditProjection } from './audit/audit.projection.js';
import { DealStateReader } from './deal-state/deal-state.reader.js';
import { dealStateProjection } from './deal-state/deal-state.projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { openReadModelDatabase } from './read-model-database.js';

/**
 * A price an older release stored as a quantity of "USD" per "kg" (MetricReported.v1, as it
 * was written then: the unit table now refuses it), then repaired by a correction into a unit
 * price: both read models show the figure in its new measure, and the trail what it was.
 */
const source = { publisher: 'Reuters', tier: 'primary' };
const legacy = { measure: { kind: 'quantity', unit: 'USD', per: 'kg' }, qualifier: 'about', amount: '110' };
const repaired = { measure: { kind: 'unit_price', currency: 'USD', unit: 'kg' }, qualifier: 'about', amount: '110' };

async function repairedStore(): Promise<EventStore> {
  const clock = new ControlledClock();
  const store = new InMemoryEventStore({ clock: clock.now });
  await recordCommands(store, [commandOf(referenceDealLines()[0]!)]);
  clock.advance(60_000);
  const id = randomUUID();
  const data = { label: 'dysprosium oxide price', metric: { figureId: 'price-dy', value: legacy, source, reportedAt: '2025-03-17' } };
  await store.append(dealStreamName(REFERENCE_DEAL_ID), [{ eventId: id, type: 'MetricReported.v1', data, metadata: { actor: 'a', commandId: id, correlationId: id, causationId: id } }], 'any');
  clock.advance(60_000);
  const body = { value: repaired, source, reportedAt: '2025-03-17', reason: 'a price per kg, keyed as a quantity before unit prices existed' };
  await recordCommands(store, [commandOf({ command: 'CorrectFigure', dealId: REFERENCE_DEAL_ID, figureId: 'price-dy', body })]);
  return store;
}

describe('a legacy price repaired by a correction', () => {
  it('reads as a corrected unit price in the deal state, and the audit trail keeps what it was', async () => {
    const db = openReadModelDatabase(':memory:');
    const runner = new ProjectionRunner(await repairedStore(), db, [dealStateProjection, auditProjection]);
    runner.start();
    await runner.catchUp(10_000);
    try {
      const figure = new DealStateReader(db).getDeal(REFERENCE_DEAL_ID)!.figures.find((f) => f.figureId === 'price-dy');
      expect(figure).toMatchObject({ value: repaired, display: 'about USD 110 per kg', status: 'corrected', change: 'correction' });

      const history = new AuditReader(db).figureHistory(REFERENCE_DEAL_ID, 'price-dy');
      expect(history.map((entry) => [entry.change, entry.display])).toEqual([
        ['initial', 'about 110 USD per kg'],
        ['correction', 'about USD 110 per kg'],
      ]);
      expect(history[1]).toMatchObject({ value: repaired, previousValue: legacy, changed: ['measure', 'currency', 'unit', 'per'] });
    } finally {
      await runner.stop();
      db.close();
    }
  });
});
