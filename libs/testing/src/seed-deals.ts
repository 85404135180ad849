import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, StreamAppend } from '#event-store';

export interface SeedDealsOptions {
  deals: number;
  /** Events per deal, its registration included. */
  eventsPerDeal: number;
  /** Events per atomic write. */
  batchSize?: number;
  prefix?: string;
}

const source = { publisher: 'Reuters', tier: 'primary' };

const event = (type: string, data: Record<string, unknown>): NewEvent => {
  const id = randomUUID();
  return { eventId: id, type, data, metadata: { actor: 'seed', commandId: id, correlationId: id, causationId: id } };
};

/**
 * Many deals, fast: registrations and metric reports written straight to the store with
 * appendMany in big batches (no decider, no HTTP), round-robin over the deals so that
 * every batch touches many streams, as real traffic does.
 */
export async function seedDeals(store: EventStore, options: SeedDealsOptions): Promise<number> {
  const { deals, eventsPerDeal, batchSize = 5_000, prefix = 'seeded' } = options;
  let written = 0;
  let pending = new Map<string, NewEvent[]>();
  let pendingCount = 0;
  const revisions = new Map<string, number>();
  const flush = async () => {
    const appends: StreamAppend[] = [...pending].map(([streamId, events]) => ({
      streamId,
      events,
      expectedRevision: revisions.has(streamId) ? revisions.get(streamId)! : 'no_stream',
    }));
    for (const result of await store.appendMany(appends)) revisions.set(result.streamId, result.nextExpectedRevision);
    written += pendingCount;
    pending = new Map();
    pendingCount = 0;
  };
  for (let n = 0; n < eventsPerDeal; n++) {
    for (let d = 0; d < deals; d++) {
      const dealId = `${prefix}-${d}`;
      const recorded =
        n === 0
          ? event('DealRegistered.v2', {
              dealId,
              title: `Seeded deal ${d}`,
              parties: [{ partyId: 'acme', name: 'Acme', kind: 'company', roles: ['investor'] }],
              commodities: ['lithium'],
              source,
              reportedAt: '2025-03-17',
            })
          : event('MetricReported.v2', {
              label: `metric ${n}`,
              metric: {
                figureId: `metric-${n}`,
                value: { measure: { kind: 'percentage' }, qualifier: 'exact', amount: String((d + n) % 100) },
                source,
                reportedAt: '2025-03-17',
              },
            });
      const streamId = `deal-${dealId}`;
      pending.set(streamId, [...(pending.get(streamId) ?? []), recorded]);
      if (++pendingCount >= batchSize) await flush();
    }
  }
  if (pendingCount > 0) await flush();
  return written;
}
