import type { RecordedEvent } from './event-store.port.js';

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface BatchFeedOptions {
  /** Events handed over at once at most. */
  batchSize: number;
  /** Applies a batch (in one transaction, typically). */
  onBatch(batch: RecordedEvent[]): void;
  /** True once the consumer has stopped for good (faulted, halted): nothing more is handed over. */
  stopped(): boolean;
}

/**
 * Hands a subscription's events over in batches: a full batch at once (then a turn for the
 * other work of the event loop, since a catch-up reads whole pages without one), otherwise
 * what arrived during this turn, so that a catch-up commits in batches rather than one
 * transaction per event, and a live event waits no longer than one turn.
 */
export class BatchFeed {
  private pending: RecordedEvent[] = [];
  private flushScheduled = false;

  constructor(private readonly options: BatchFeedOptions) {}

  /** Until the events end or the consumer stops; errors of the subscription are the caller's. */
  async consume(events: AsyncIterable<RecordedEvent>): Promise<void> {
    for await (const event of events) {
      this.pending.push(event);
      if (this.pending.length >= this.options.batchSize) {
        this.flush();
        await yieldToEventLoop();
      } else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
      if (this.options.stopped()) return;
    }
  }

  /** Hands over what is pending now (also after the events end, so nothing read is left behind). */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.options.stopped()) return;
    const batch = this.pending;
    this.pending = [];
    this.options.onBatch(batch);
  }
}
