import { matchesFilter, type EventFilter, type EventStore, type RecordedEvent } from '#event-store';

/** What a reader needs of the live feed it joins (LiveEventFeed). */
export interface ReaderFeed {
  /** Events per read from the store, and per batch handed out. */
  readonly pageSize: number;
  /** A caught-up reader starts receiving what the feed reads from now on. */
  attach(reader: FeedReader): Promise<void>;
  detach(reader: FeedReader): void;
  /** The events after `after` the feed still holds, or undefined when the reader must ask the store. */
  recentAfterPosition(after: number, filter: EventFilter | undefined, max: number): RecordedEvent[] | undefined;
}

/**
 * One consumer's position in the log. Reads the store page by page until nothing is
 * left, then joins the live feed; if it falls behind by more than its buffer, it goes
 * back to the store from where it stopped. Every batch starts after the last event
 * handed out, so neither switch can skip an event or hand one out twice.
 */
export class FeedReader implements AsyncIterable<RecordedEvent[]> {
  private queue: RecordedEvent[] = [];
  private mode: 'store' | 'live' = 'store';
  private overflowed = false;
  private closed = false;
  private wake: (() => void) | undefined;
  /** Times this reader fell behind the live feed and went back to reading the store. */
  fallbacks = 0;

  constructor(
    private readonly feed: ReaderFeed,
    private readonly store: EventStore,
    private lastPosition: number,
    private readonly filter: EventFilter | undefined,
    private readonly bufferSize: number,
  ) {}

  /** The position of the last event handed out (the `after` it was opened with, before any). */
  get position(): number {
    return this.lastPosition;
  }

  get isLive(): boolean {
    return this.mode === 'live';
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent[]> {
    return this.batches();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.feed.detach(this);
    this.queue = [];
    this.wake?.();
  }

  /** @internal: called by the feed for every event it reads, in position order. */
  offer(event: RecordedEvent): void {
    if (this.overflowed || !matchesFilter(event, this.filter)) return;
    if (this.queue.length >= this.bufferSize) {
      this.overflow();
      return;
    }
    this.queue.push(event);
    this.wake?.();
  }

  /** @internal: drop the queue and read the store again from the last position handed out. */
  overflow(): void {
    this.overflowed = true;
    this.queue = [];
    this.feed.detach(this);
    this.wake?.();
  }

  private async *batches(): AsyncGenerator<RecordedEvent[], void, undefined> {
    try {
      while (!this.closed) {
        if (this.mode === 'store') {
          const page = await this.readPage();
          if (page.length > 0) {
            yield page;
          } else if (!this.closed) {
            for await (const gap of this.join()) yield gap;
          }
          continue;
        }
        if (this.overflowed) {
          this.mode = 'store';
          this.fallbacks += 1;
          continue;
        }
        const batch = this.takeQueued();
        if (batch.length > 0) yield batch;
        else await this.nextOffer();
      }
    } finally {
      this.close();
    }
  }

  /**
   * Joins the feed, then reads the store once more: whatever was committed between the
   * last read and joining is in the store, whatever comes after reaches the queue, and
   * `takeQueued` drops the overlap by position.
   */
  private async *join(): AsyncGenerator<RecordedEvent[], void, undefined> {
    this.queue = [];
    this.overflowed = false;
    this.mode = 'live';
    await this.feed.attach(this);
    for (;;) {
      const gap = await this.readPage();
      if (gap.length > 0) yield gap;
      if (gap.length < this.feed.pageSize || this.closed || this.overflowed) return;
    }
  }

  private async readPage(): Promise<RecordedEvent[]> {
    let page = this.feed.recentAfterPosition(this.lastPosition, this.filter, this.feed.pageSize);
    if (page === undefined) {
      page = [];
      for await (const event of this.store.readAll({ after: this.lastPosition, maxCount: this.feed.pageSize, filter: this.filter })) {
        page.push(event);
      }
    }
    if (page.length > 0 && !this.closed) this.lastPosition = page[page.length - 1]!.position;
    return this.closed ? [] : page;
  }

  private takeQueued(): RecordedEvent[] {
    const taken = this.queue.splice(0, this.feed.pageSize);
    const fresh = taken.filter((event) => event.position > this.lastPosition);
    if (fresh.length > 0) this.lastPosition = fresh[fresh.length - 1]!.position;
    return fresh;
  }

  private nextOffer(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }
}
