import type { EventFilter, ReadAllOptions, RecordedEvent, SubscribeOptions } from './event-store.port.js';
import { GeneratorSubscription } from './generator-subscription.js';
import { checkedFilter, subscriptionStart } from './read-options.js';

/** What a catch-up subscription needs from an adapter. */
export interface CatchUpSource {
  readAll(options: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Synchronous on purpose: every event at or below the returned position must already
   * be readable. Both local adapters assign positions inside their serialised write, so
   * the highest visible position has no unfinished write below it.
   */
  headPosition(): number;
  /** Registers a listener fired after each commit in this process; returns its remover. */
  listen(listener: () => void): () => void;
}

export interface CatchUpOptions {
  /** Exclusive start position, already resolved ('end' is resolved at subscribe time). */
  after: number;
  filter?: EventFilter;
  /**
   * How often to look for writes made by another process (a CLI import into the same
   * SQLite file), which the in-process signal cannot see. Undefined: never poll.
   */
  pollIntervalMs?: number;
}

export const DEFAULT_POLL_INTERVAL_MS = 200;

/**
 * History and live events come from the same query: "events after the last one I
 * yielded". There is no switch-over from a history reader to a live feed, hence no seam
 * where an event could be missed or delivered twice. Memory stays bounded by the page the
 * adapter's readAll holds: nothing is buffered here.
 */
export class CatchUpSubscription extends GeneratorSubscription {
  private appendedSinceRead = false;
  private readonly stopListening: () => void;

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: CatchUpOptions,
    private readonly onClose?: (subscription: CatchUpSubscription) => void,
  ) {
    super();
    this.stopListening = source.listen(() => {
      this.appendedSinceRead = true;
      this.wake?.();
    });
  }

  protected stopSource(): void {
    this.stopListening();
  }

  protected closedNotice(): void {
    this.onClose?.(this);
  }

  protected async *run(): AsyncGenerator<RecordedEvent, void, undefined> {
    const { filter } = this.options;
    let last = this.options.after;
    try {
      while (!this.closed) {
        // Cleared before reading: an append during the read sets it again and we re-read
        // instead of sleeping on an event we have not seen.
        this.appendedSinceRead = false;
        const head = this.source.headPosition();
        for await (const event of this.source.readAll({ after: last, filter })) {
          last = event.position;
          yield event;
          if (this.closed) return;
        }
        // Everything up to `head` was readable before this pass began, so a filtered pass
        // has seen it all; moving past it spares the next pass a rescan of events the
        // filter rejects.
        last = Math.max(last, head);
        if (!this.appendedSinceRead && !this.closed) await this.nextAppendOrPoll();
      }
    } finally {
      this.close();
    }
  }

  private nextAppendOrPoll(): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      if (this.options.pollIntervalMs !== undefined) timer = setTimeout(done, this.options.pollIntervalMs);
      this.wake = done;
    });
  }
}

/**
 * The open subscriptions of a local adapter (in-memory, SQLite): each starts where its
 * options say, reads through the adapter, and is closed with the store.
 */
export class CatchUpSubscriptions {
  private readonly open = new Set<CatchUpSubscription>();

  constructor(
    private readonly source: CatchUpSource,
    private readonly pollIntervalMs?: number,
  ) {}

  subscribe(options: SubscribeOptions): CatchUpSubscription {
    const filter = checkedFilter(options?.filter);
    const after = subscriptionStart(options?.from, () => this.source.headPosition());
    const subscription = new CatchUpSubscription(
      this.source,
      { after, filter, pollIntervalMs: this.pollIntervalMs },
      (s) => this.open.delete(s),
    );
    this.open.add(subscription);
    return subscription;
  }

  closeAll(): void {
    for (const subscription of [...this.open]) subscription.close();
  }
}
