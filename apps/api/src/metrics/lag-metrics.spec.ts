import { Registry } from 'prom-client';
import type { DurableSubscriptionRecord } from '#application';
import { InMemoryEventStore, type EventStore, type RecordedEvent } from '#event-store';
import type { ProjectionStatus } from '#projections';
import { KurrentDbEventStore } from '../../../../libs/event-store/src/adapters/kurrentdb/kurrentdb-event-store.js';
import { KurrentDbClientDouble } from '../../../../libs/event-store/src/adapters/kurrentdb/testing/kurrentdb-client-double.js';
import { newEvents } from '../../../../libs/event-store/src/testing/contract-fixtures.js';
import { registerLagMetrics } from './lag-metrics.js';

/** The value of one series (name and labels as written) in a Prometheus text scrape; undefined when it is left out. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Ten events over three deals, and the log as read back. */
async function tenEvents(store: EventStore): Promise<RecordedEvent[]> {
  await store.append('deal-1', newEvents(4), 'no_stream');
  await store.append('deal-2', newEvents(3), 'no_stream');
  await store.append('deal-3', newEvents(3), 'no_stream');
  const log: RecordedEvent[] = [];
  for await (const event of store.readAll()) log.push(event);
  return log;
}

/** The gauges over `store`, with the read models at the 7th event, deal-state at the 4th, audit at the head, one subscription at the start. */
function gauges(store: EventStore, log: readonly RecordedEvent[], densePositions: boolean): Registry {
  const registry = new Registry();
  const status = (name: string, checkpoint: number) => ({ name, checkpoint }) as ProjectionStatus;
  registerLagMetrics(registry, {
    store,
    densePositions,
    readModels: { position: log[6]!.position },
    projections: { status: async () => [status('deal-state', log[3]!.position), status('audit-trail', log[9]!.position)] },
    subscriptions: { list: () => [{ name: 'risk-engine', checkpoint: 0 } as DurableSubscriptionRecord] },
  });
  return registry;
}

describe('the lag gauges count events on every store', () => {
  it.each([
    ['SQLite-like positions (1, 2, 3…)', async () => ({ store: new InMemoryEventStore() as EventStore, dense: true, close: async () => undefined })],
    [
      'KurrentDB’s byte offsets (over the client double)',
      async () => {
        const store = await KurrentDbEventStore.overClient(new KurrentDbClientDouble({ statsEvery: 2 }), { retryDelayMs: 5 });
        return { store: store as EventStore, dense: false, close: () => store.close() };
      },
    ],
  ])('%s: read models, projections and subscriptions, in events', async (_, open) => {
    const { store, dense, close } = await open();
    try {
      const log = await tenEvents(store);
      const text = await gauges(store, log, dense).metrics();
      expect(sample(text, 'ledger_read_model_lag_events')).toBe(3);
      expect(sample(text, 'ledger_projection_lag_events{projection="deal-state"}')).toBe(6);
      expect(sample(text, 'ledger_projection_lag_events{projection="audit-trail"}')).toBe(0);
      expect(sample(text, 'ledger_subscription_lag_events{subscription="risk-engine"}')).toBe(10);
      // On KurrentDB the positions between are hundreds of bytes per event: not what the gauges show.
      if (!dense) expect(log[9]!.position - log[6]!.position).toBeGreaterThan(100);
    } finally {
      await close();
    }
  });

  it('on KurrentDB, leaves the series out (the read models’ lag NaN) while the log cannot be read', async () => {
    const client = new KurrentDbClientDouble();
    const store = await KurrentDbEventStore.overClient(client, { retryDelayMs: 5 });
    try {
      const registry = gauges(store, await tenEvents(store), false);
      client.unavailable(true);
      const text = await registry.metrics();
      expect(text).toMatch(/^ledger_read_model_lag_events nan$/im);
      expect(text).not.toMatch(/^ledger_projection_lag_events\{/m);
      expect(text).not.toMatch(/^ledger_subscription_lag_events\{/m);
    } finally {
      client.unavailable(false);
      await store.close();
    }
  });
});
