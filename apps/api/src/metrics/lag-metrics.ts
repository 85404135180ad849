import { Gauge, type Registry } from 'prom-client';
import type { DurableSubscriptionStates } from '#application';
import type { EventStore } from '#event-store';
import type { ProjectionStatus } from '#projections';
import { eventsBehind, eventsBehindEach } from '../observability/events-behind.js';

/**
 * The most events a lag gauge counts on a store whose positions are not event counts
 * (KurrentDB's byte offsets): its events are read at every scrape to count them, as
 * `/health/ready` does, so a larger lag shows as this many.
 */
export const LAG_COUNT_LIMIT = 10_000;

export interface LagSources {
  store: EventStore;
  /** Whether positions count events (SQLite, in memory): the lag is then a difference, nothing is read. */
  densePositions: boolean;
  /** The read models' position (all projections applied up to it). */
  readModels: { readonly position: number };
  projections: { status(): Promise<ProjectionStatus[]> };
  subscriptions: Pick<DurableSubscriptionStates, 'list'>;
}

const counted = (densePositions: boolean) => (densePositions ? '' : ` (on KurrentDB counted up to ${LAG_COUNT_LIMIT})`);

/**
 * How far the read models, each projection and each durable subscription are behind the log,
 * in events on every store, read at each scrape: counted as `/health/ready` counts them
 * (events-behind.ts). The log unreadable: the read models' lag is NaN, and the other series
 * are left out of that scrape rather than shown as 0.
 */
export function registerLagMetrics(registry: Registry, sources: LagSources): void {
  const { store, densePositions } = sources;
  const registers = [registry];
  const head = () => store.headPosition().catch(() => undefined);
  const behind = async (positions: readonly number[], at: number) =>
    eventsBehindEach(store, positions, at, densePositions, LAG_COUNT_LIMIT).catch(() => undefined);

  new Gauge({
    name: 'ledger_read_model_lag_events',
    help: `Events the read models are behind the log${counted(densePositions)}`,
    registers,
    async collect() {
      const at = await head();
      const lag = at === undefined ? undefined : await eventsBehind(store, sources.readModels.position, at, densePositions, LAG_COUNT_LIMIT).catch(() => undefined);
      this.set(lag ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'ledger_projection_lag_events',
    help: `Events a projection has not applied yet, by projection${counted(densePositions)}`,
    labelNames: ['projection'],
    registers,
    async collect() {
      this.reset();
      const at = await head();
      const statuses = at === undefined ? [] : await sources.projections.status().catch(() => []);
      const lags = at === undefined ? undefined : await behind(statuses.map((s) => s.checkpoint), at);
      statuses.forEach((status, i) => lags && this.set({ projection: status.name }, lags[i]!));
    },
  });
  new Gauge({
    name: 'ledger_subscription_lag_events',
    help: `Events after a durable subscription's checkpoint (everything at or below it settled), by subscription${counted(densePositions)}`,
    labelNames: ['subscription'],
    registers,
    async collect() {
      this.reset();
      const at = await head();
      if (at === undefined) return;
      // Awaited: the list may come from the store itself (state shared by replicas).
      const subscriptions = await Promise.resolve()
        .then(() => sources.subscriptions.list())
        .catch(() => undefined);
      if (!subscriptions) return;
      const lags = await behind(subscriptions.map((s) => s.checkpoint), at);
      subscriptions.forEach(({ name }, i) => lags && this.set({ subscription: name }, lags[i]!));
    },
  });
}
