import type {
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '#event-store';

/**
 * A test double between the ledger and a real store, at the store's port: while a fault is
 * injected, every call fails with it and so does every open subscription, at once (as a
 * lost connection or an I/O error does); once cleared, calls reach the store again. What
 * the ledger then does on its own (retry, resubscribe, answer 503) is what drills check.
 */
export class FaultInjectingEventStore implements EventStore {
  private fault: Error | undefined;
  private readonly subscriptions = new Set<(fault: Error) => void>();

  constructor(private readonly store: EventStore) {}

  inject(fault: Error): void {
    this.fault = fault;
    for (const fail of this.subscriptions) fail(fault);
  }

  clear(): void {
    this.fault = undefined;
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.check();
    return this.store.append(streamId, events, expectedRevision);
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    this.check();
    return this.store.appendMany(appends);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.check();
    return this.store.readStream(streamId, options);
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    this.check();
    for await (const event of this.store.readAll(options)) {
      this.check();
      yield event;
    }
  }

  async headPosition(): Promise<number> {
    this.check();
    return this.store.headPosition();
  }

  subscribe(options: SubscribeOptions): EventSubscription {
    this.check();
    const inner = this.store.subscribe(options);
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

  private check(): void {
    if (this.fault) throw this.fault;
  }
}
