import { Gauge, type Registry } from 'prom-client';
import type { DurableSubscriptionStates } from '#application';
import type { EventStore } from '#event-store';
import type { ProjectionStatus } from '#projections';

/**
 * How far each projection and each durable subscription is behind the log, read at each
 * scrape. Positions: events on SQLite, byte offsets on KurrentDB (as ledger_read_model_lag_events).
 * The log unreadable: the series are left out of that scrape rather than shown as 0.
 */
export function registerLagMetrics(
  registry: Registry,
  parts: { store: EventStore; projections: { status(): Promise<ProjectionStatus[]> }; subscriptions: DurableSubscriptionStates },
): void {
  new Gauge({
    name: 'ledger_projection_lag_events',
    help: 'Events a projection has not applied yet, by projection',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      this.reset();
      const statuses = await parts.projections.status().catch(() => []);
      for (const status of statuses) this.set({ projection: status.name }, status.lag.events);
    },
  });
  new Gauge({
    name: 'ledger_subscription_lag_events',
    help: 'Positions between the log head and a durable subscription\'s checkpoint (everything at or below it settled), by subscription',
    labelNames: ['subscription'],
    registers: [registry],
    async collect() {
      this.reset();
      const head = await parts.store.headPosition().catch(() => undefined);
      if (head === undefined) return;
      const subscriptions = await Promise.resolve(parts.subscriptions.list()).catch(() => []);
      for (const { name, checkpoint } of subscriptions) this.set({ subscription: name }, Math.max(0, head - checkpoint));
    },
  });
}
