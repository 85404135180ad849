import type { EventStore, EventSubscription, ReadAllOptions, RecordedEvent, SubscribeOptions } from '#event-store';
import { forwardingEventStore } from '../../event-store/src/testing/forwarding-event-store.js';

/**
 * A test double between the ledger and a real store, at the store's port: while a fault is
 * injected, every call fails with it and so does every open subscription, at once (as a
 * lost connection or an I/O error does); once cleared, calls reach the store again. What
 * the ledger then does on its own (retry, resubscribe, answer 503) is what drills check.
 */
export class FaultInjectingEventStore implements EventStore {
  private fault: Error | undefined;
  private readonly subscriptions = new Set<(fault: Error) => void>();
  private readonly checked = forwardingEventStore(() => {
    if (this.fault) throw this.fault;
    return this.store;
  });
  // Async, so that a fault is a rejected promise, as a store's failure is (not a throw at the call).
  readonly append: EventStore['append'] = async (...args) => this.checked.append(...args);
  readonly appendMany: EventStore['appendMany'] = async (...args) => this.checked.appendMany(...args);
  readonly readStream: EventStore['readStream'] = async (...args) => this.checked.readStream(...args);
  readonly headPosition: EventStore['headPosition'] = async () => this.checked.headPosition();

  constructor(private readonly store: EventStore) {}

  inject(fault: Error): void {
    this.fault = fault;
    for (const fail of this.subscriptions) fail(fault);
  }

  clear(): void {
    this.fault = undefined;
  }

  /** Fails between two events too, as a read cut off in the middle does. */
  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.checked.readAll(options)) {
      if (this.fault) throw this.fault;
      yield event;
    }
  }

  subscribe(options: SubscribeOptions): EventSubscription {
    const inner = this.checked.subscribe(options);
    let failNow: (fault: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => (failNow = reject));
    failed.catch(() => undefined);
    this.subscriptions.add(failNow);
    const forget = (): void => {
      this.subscriptions.delete(failNow);
      inner.close();
    };
    return {
      close: forget,
      async *[Symbol.asyncIterator]() {
        const events = inner[Symbol.asyncIterator]();
        try {
          for (;;) {
            const next = await Promise.race([events.next(), failed]);
            if (next.done) return;
            yield next.value;
          }
        } finally {
          forget();
        }
      },
    };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
