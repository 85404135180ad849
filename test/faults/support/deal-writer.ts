import { randomUUID } from 'node:crypto';
import { StoreUnavailableError, type EventStore, type NewEvent } from '#event-store';
import { percentageMetric, smallDeal } from '../../support/small-deal.js';

/**
 * Writes deals straight to a store, one event per append, as the ledger's commands do
 * (each at the deal's exact revision), and keeps what was acknowledged: the event ids the
 * store answered for, per deal. An append the store refused as unavailable is not
 * acknowledged; `retryRefused` writes it again later, as a client retrying does.
 */
export class DealWriter {
  /** Acknowledged event ids, per deal stream, in revision order. */
  readonly acknowledged = new Map<string, string[]>();
  private refused: string[] = [];
  private figures = 0;

  constructor(private readonly store: EventStore) {}

  /** Registers the deal, or reports one more figure on it; false when the store was unavailable. */
  async write(dealId: string): Promise<boolean> {
    const streamId = `deal-${dealId}`;
    const written = this.acknowledged.get(streamId) ?? [];
    const event = written.length === 0 ? registration(dealId) : this.figure();
    try {
      await this.store.append(streamId, [event], written.length === 0 ? 'no_stream' : written.length - 1);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.refused.push(dealId);
      return false;
    }
    this.acknowledged.set(streamId, [...written, event.eventId]);
    return true;
  }

  /** Writes again what was refused; resolves with how many were. */
  async retryRefused(): Promise<number> {
    const again = this.refused;
    this.refused = [];
    for (const dealId of again) if (!(await this.write(dealId))) throw new Error(`deal ${dealId}: refused again after the fault cleared`);
    return again.length;
  }

  get total(): number {
    return [...this.acknowledged.values()].reduce((sum, ids) => sum + ids.length, 0);
  }

  private figure(): NewEvent {
    this.figures += 1;
    const figureId = `metric-${this.figures}`;
    return event('MetricReported.v2', percentageMetric(figureId, String(this.figures % 100)));
  }
}

function registration(dealId: string): NewEvent {
  return event('DealRegistered.v2', smallDeal(dealId));
}

function event(type: string, data: Record<string, unknown>): NewEvent {
  const id = randomUUID();
  return { eventId: id, type, data, metadata: { actor: 'fault-drill', commandId: id, correlationId: id, causationId: id } };
}
