import {
  matchesFilter,
  RestartSchedule,
  StoreUnavailableError,
  type ComponentHealth,
  type EventFilter,
  type EventStore,
  type EventSubscription,
  type RecordedEvent,
  type SelfHealing,
} from '#event-store';
import { FeedReader, type ReaderFeed } from './feed-reader.js';

export interface LiveEventFeedOptions {
  /** Live events a reader may hold unread before it is sent back to reading the store. */
  readerBufferSize?: number;
  /** Events per read from the store while catching up, and per batch handed out. */
  pageSize?: number;
  /** The latest events the feed keeps, for readers a little behind to read without the store. */
  recentEvents?: number;
  /** The shared subscription failed (once per failure episode); the feed starts it again on its own. */
  onFailure?: (error: unknown) => void;
}

export const DEFAULT_READER_BUFFER_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 500;
export const DEFAULT_RECENT_EVENTS = 5000;

/**
 * One subscription to the store's head for the whole process, fanned out to every
 * reader that has caught up: a hundred SSE connections cost one read per append, not a
 * hundred. A reader behind the head reads the store itself (the store is the buffer).
 *
 * Nothing here can slow an append: the feed reads what was committed, pushes each event
 * into the bounded queue of every live reader and never waits for any of them. A reader
 * whose queue is full is dropped from the feed and reads the store again from its last
 * position, which bounds the memory a slow consumer can hold to `readerBufferSize` events.
 *
 * The feed also keeps the last `recentEvents` events it read: a reader that fell a little
 * behind catches up from them, sharing their decoding (and its serialisation) with every
 * other reader, instead of reading the same rows from the store again.
 *
 * When the shared subscription fails (the store unreachable, a disk error), the feed drops
 * it with the recent events (the next subscription starts at a later head: they would
 * have a hole), sends its readers back to the store and subscribes again: at once for a
 * reader that catches up and joins, after a growing delay otherwise. A reader then meets
 * the failure only if the store still fails its own reads.
 */
export class LiveEventFeed implements ReaderFeed, SelfHealing {
  private readonly live = new Set<FeedReader>();
  private readonly readerBufferSize: number;
  private readonly recentLimit: number;
  /** Every event after `recentAfter`, up to the last one the feed read, in position order. */
  private recent: RecordedEvent[] = [];
  private recentAfter = Number.POSITIVE_INFINITY;
  readonly pageSize: number;
  private subscription: EventSubscription | undefined;
  private starting: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  /** The shared subscription failed and no other has started since. */
  private down = false;
  private readonly restarts = new RestartSchedule(() => this.restart(), { onFirstFailure: (error) => this.options.onFailure?.(error) });
  /** Readers that caught up while the subscription is down, waiting for its scheduled restart. */
  private waitingForRestart: (() => void)[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly options: LiveEventFeedOptions = {},
  ) {
    this.readerBufferSize = options.readerBufferSize ?? DEFAULT_READER_BUFFER_SIZE;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.recentLimit = options.recentEvents ?? DEFAULT_RECENT_EVENTS;
  }

  /** Events after `after` (exclusive) that pass `filter`, in position order, in batches. */
  open(after: number, filter?: EventFilter): FeedReader {
    if (this.closed) throw new Error('The event feed is closed');
    return new FeedReader(this, this.store, after, filter, this.readerBufferSize);
  }

  get liveReaders(): number {
    return this.live.size;
  }

  /** Ends the feed; readers still open end too, once they have read what was committed. */
  async close(): Promise<void> {
    this.closed = true;
    this.restarts.cancel();
    this.wakeWaitingReaders();
    await this.starting?.catch(() => undefined);
    this.subscription?.close();
    await this.running;
    for (const reader of [...this.live]) reader.close();
  }

  /** `event-feed`: `recovering` while the shared subscription is down and about to start again. */
  health(): ComponentHealth {
    return this.restarts.health({ component: 'event-feed', neededToServe: true }, this.closed ? 'stopped' : this.down ? 'failed' : 'running', this.subscription?.interruption);
  }

  /** Subscribes again now when the shared subscription is down. */
  retryNow(): void {
    if (this.down && !this.closed) this.restarts.retryNow();
  }

  /**
   * @internal: a caught-up reader starts receiving what the feed reads from now on. Throws
   * when the store cannot be subscribed to (the reader's consumer sees the failure).
   */
  async attach(reader: FeedReader): Promise<void> {
    while (!this.closed) {
      if (this.down && !this.starting && this.restarts.pending) {
        // Not subscribed again at once: readers that keep catching up would defeat the delays.
        await new Promise<void>((resolve) => this.waitingForRestart.push(resolve));
        continue;
      }
      const starting = this.starting ?? this.startShared();
      await starting;
      // Still the subscription waited for: the reader gets every event it reads from now
      // on. One that failed meanwhile would hand it none: wait for the next one instead.
      if (this.starting === starting && !this.closed) {
        this.live.add(reader);
        return;
      }
    }
    reader.close();
  }

  /** @internal */
  detach(reader: FeedReader): void {
    this.live.delete(reader);
  }

  /**
   * @internal: the events after `after` that pass `filter`, at most `max`, if the feed
   * still holds everything after `after`; undefined when the reader must ask the store.
   */
  recentAfterPosition(after: number, filter: EventFilter | undefined, max: number): RecordedEvent[] | undefined {
    if (after < this.recentAfter) return undefined;
    const events: RecordedEvent[] = [];
    for (let i = firstAfter(this.recent, after); i < this.recent.length && events.length < max; i++) {
      const event = this.recent[i]!;
      if (matchesFilter(event, filter)) events.push(event);
    }
    return events;
  }

  private remember(event: RecordedEvent): void {
    if (this.recentLimit === 0) return;
    this.recent.push(event);
    if (this.recent.length >= this.recentLimit * 2) {
      const dropped = this.recent.splice(0, this.recent.length - this.recentLimit);
      this.recentAfter = dropped[dropped.length - 1]!.position;
    }
  }

  /** Subscribes to what is appended after the head as it is now (readers close the window with FeedReader.join). */
  private async start(): Promise<void> {
    let head: number;
    let subscription: EventSubscription;
    try {
      head = await this.store.headPosition();
      if (this.closed) return;
      subscription = this.store.subscribe({ from: head });
    } catch (error) {
      this.failed(error);
      throw error;
    }
    this.subscription = subscription;
    this.down = false;
    this.restarts.resumed();
    // The feed reads every event after `head`, so from here on `recent` has no hole.
    if (this.recentLimit > 0) this.recentAfter = head;
    this.running = (async () => {
      let failure: unknown;
      let delivered = false;
      try {
        for await (const event of subscription) {
          if (!delivered) this.restarts.succeeded();
          delivered = true;
          this.remember(event);
          for (const reader of this.live) reader.offer(event);
        }
      } catch (error) {
        failure = error;
      } finally {
        // Not ended by `close`: the store failed it, or ended it (closed, or lost).
        if (!this.closed) this.failed(failure ?? new StoreUnavailableError('The event store ended the live subscription'));
        // Live readers go back to the store, which reports a failure that lasts to each of them.
        for (const reader of [...this.live]) reader.overflow();
      }
    })();
  }

  /** Forgets the failed subscription and what it read, and schedules the next one. */
  private failed(error: unknown): void {
    this.subscription = undefined;
    this.starting = undefined;
    this.down = true;
    this.recent = [];
    this.recentAfter = Number.POSITIVE_INFINITY;
    if (this.closed) return;
    this.restarts.afterFailure(error);
  }

  /** Unless a reader that joined has already started it again. */
  private restart(): void {
    if (!this.closed && this.down && !this.starting) {
      // A failure here is recorded by `start`, which schedules the next try.
      this.startShared().catch(() => undefined);
    }
    this.wakeWaitingReaders();
  }

  private wakeWaitingReaders(): void {
    for (const wake of this.waitingForRestart.splice(0)) wake();
  }

  /** `start`, shared by every reader that joins meanwhile; one that failed is not shared any longer. */
  private startShared(): Promise<void> {
    const starting: Promise<void> = this.start().catch((error: unknown) => {
      if (this.starting === starting) this.starting = undefined;
      throw error;
    });
    this.starting = starting;
    return starting;
  }
}

/** The index of the first event after `position` (events sorted by position). */
function firstAfter(events: readonly RecordedEvent[], position: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]!.position <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}
