import type { EventSubscription, RecordedEvent } from './event-store.port.js';

/**
 * A subscription whose events come from one generator, and the way it closes: once,
 * stopping its source, then waking the generator if it waits (it sees `closed` and
 * returns), then telling its owner. The generator closes the subscription when it ends,
 * whatever ends it.
 */
export abstract class GeneratorSubscription implements EventSubscription {
  protected closed = false;
  /** Set while the generator waits (for an append, a feed, a retry): ends the wait. */
  protected wake: (() => void) | undefined;
  private readonly events: AsyncGenerator<RecordedEvent, void, undefined>;

  constructor() {
    // Only created here: the body runs at the first next(), after the subclass is built.
    this.events = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopSource();
    this.wake?.();
    this.closedNotice();
  }

  protected abstract run(): AsyncGenerator<RecordedEvent, void, undefined>;
  /** Stops what feeds the generator (a listener, a native subscription). */
  protected abstract stopSource(): void;
  /** Tells the owner (the store, which tracks its open subscriptions). */
  protected abstract closedNotice(): void;
}
