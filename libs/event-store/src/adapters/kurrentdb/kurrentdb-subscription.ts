import type { AllStreamResolvedEvent, AllStreamSubscription, CaughtUp, Position } from '@kurrent/kurrentdb-client';
import { StoreUnavailableError, type EventStoreError } from '../../event-store.errors.js';
import type { RecordedEvent, SubscriptionInterruption } from '../../event-store.port.js';
import { GeneratorSubscription } from '../../generator-subscription.js';
import { isTransient } from './kurrentdb-errors.js';
import { nextRetryDelay } from './kurrentdb-options.js';
import { positionFromKurrent } from './kurrentdb-positions.js';

/** What a subscription needs from the store. */
export interface LiveFeed {
  /**
   * A native catch-up subscription to `$all` after `after` ('end': from the server's end).
   * `checkpoint` is told the positions the server's filter checkpoints name (every event up to
   * one was considered, matching or not), in order with the events, as the client reports them.
   */
  open(after: number | 'end', checkpoint: (position: Position) => void): AllStreamSubscription;
  /** The position of the store's last event now (0: none): where a subscription from 'end' stands. */
  head(): Promise<number>;
  /** Our event, or undefined when it is outside the store's scope or the caller's filter. */
  decode(resolved: AllStreamResolvedEvent): RecordedEvent | undefined;
  /** The position of the last event at or before `position` (0: none). */
  floor(position: number): Promise<number>;
  translate(error: unknown): EventStoreError;
}

export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  onRetry: ((error: EventStoreError, delayMs: number) => void) | undefined;
}

/** A filter checkpoint of the server, kept in the buffer in its place among the events. */
interface Checkpoint {
  checkpoint: number;
}

/** One native subscription, its events buffered as they arrive (it is paused when the buffer is full). */
interface OpenFeed {
  native: AllStreamSubscription;
  buffer: (AllStreamResolvedEvent | Checkpoint)[];
  paused: boolean;
  failure: unknown;
  ended: boolean;
}

const PAUSE_AT = 256;

/**
 * KurrentDB's own catch-up subscription (history, then live, the seam handled by the
 * server), made to survive the server going away: on a transient failure (server down or
 * restarting, leader election) it is opened again after the last event it yielded, after a
 * delay that doubles up to a cap, until `close()`. Events at or before that position are
 * dropped, so a re-subscription neither repeats nor skips one. Any other failure ends the
 * iteration with the translated error.
 */
export class KurrentDbSubscription extends GeneratorSubscription {
  private feed: OpenFeed | undefined;
  /**
   * Everything up to here was yielded or passed over: the position of the last event yielded
   * or of the server's last filter checkpoint. Undefined only when started from 'end' and
   * nothing is known yet.
   */
  private last: number | undefined;
  /** From 'end': the store's head read when subscribe() was called, where to resume if cut before anything arrived. */
  private readonly endAtStart: Promise<number | undefined> | undefined;
  /**
   * Where to open instead of `last` when `last` is not where an event is (KurrentDB opens a
   * subscription only there): the last event before it. Set once, on a refusal to open.
   */
  private openAfter: number | undefined;
  private startRepaired = false;
  private yieldedAny = false;
  /** Set from a transient failure until the feed opened after it delivers (or catches up). */
  interruption: SubscriptionInterruption | undefined;

  constructor(
    private readonly source: LiveFeed,
    from: number | 'end',
    private readonly retry: RetryPolicy,
    private readonly onClose: (subscription: KurrentDbSubscription) => void,
  ) {
    super();
    this.last = from === 'end' ? undefined : from;
    // Asked first, for a cut before the server says where it caught up: resuming at the end
    // as it is then would pass over what was appended in between. Sent before the feed opens,
    // so it can only be at or before the end the feed starts from: resuming after it may
    // deliver an event again, never skip one.
    if (from === 'end') this.endAtStart = source.head().catch(() => undefined);
    // Opened now rather than at the first next(): 'end' is the end when subscribe() is called.
    this.feed = this.openFeed();
  }

  protected stopSource(): void {
    this.stopFeed();
  }

  protected closedNotice(): void {
    this.onClose(this);
  }

  protected async *run(): AsyncGenerator<RecordedEvent, void, undefined> {
    let delay = this.retry.initialDelayMs;
    try {
      while (!this.closed) {
        const feed = (this.feed ??= this.openFeed());
        let delivered = false;
        for (;;) {
          const resolved = feed.buffer.shift();
          if (resolved) {
            if (feed.paused && feed.buffer.length === 0) {
              feed.paused = false;
              feed.native.resume();
            }
            if ('checkpoint' in resolved) {
              // The server considered everything up to here: a re-subscription starts after it
              // rather than scanning again a long run of events the filter rejects.
              if (this.last === undefined || resolved.checkpoint > this.last) {
                this.last = resolved.checkpoint;
                this.openAfter = undefined;
              }
              continue;
            }
            const event = this.source.decode(resolved);
            if (!event || (this.last !== undefined && event.position <= this.last)) continue;
            this.last = event.position;
            this.openAfter = undefined;
            delivered = this.yieldedAny = true;
            yield event;
            if (this.closed) return;
            continue;
          }
          if (this.closed || feed.failure !== undefined || feed.ended) break;
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
        }
        if (this.closed) return;
        this.stopFeed();
        const failure = feed.failure ?? new StoreUnavailableError('The KurrentDB subscription ended');
        if (this.last === undefined) {
          // From 'end', cut before the server said where that end was: resume after the head
          // read when subscribe() was called. Without it (that read failed too), opening at the
          // end again would pass over what was appended in between: the owner knows where it stood.
          if (!isTransient(failure)) throw this.source.translate(failure);
          const end = await this.endAtStart;
          if (this.closed) return;
          if (end === undefined) {
            throw new StoreUnavailableError(
              'The KurrentDB subscription from the end of the log was cut before it learned where that end was: subscribe again from a position',
              { cause: failure },
            );
          }
          this.last ??= end;
        }
        if (!isTransient(failure)) {
          // Started at a number that is no event's position: open once more after the last
          // event before it, still passing over everything up to the number asked for.
          if (this.startRepaired || this.yieldedAny || this.last === undefined || this.last === 0) throw this.source.translate(failure);
          try {
            this.openAfter = await this.source.floor(this.last);
            this.startRepaired = true;
            continue;
          } catch (error) {
            if (!isTransient(error)) throw this.source.translate(error);
          }
        }
        if (delivered) delay = this.retry.initialDelayMs;
        const translated = this.source.translate(failure);
        this.interruption = { failure: translated, since: this.interruption?.since ?? new Date() };
        this.retry.onRetry?.(translated, delay);
        await this.sleep(delay);
        delay = nextRetryDelay(delay, this.retry.maxDelayMs);
      }
    } finally {
      this.close();
    }
  }

  private openFeed(): OpenFeed {
    // Declared before the native subscription exists: the client may report a checkpoint as soon as it is open.
    let opened: OpenFeed | undefined;
    const native = this.source.open(this.openAfter ?? this.last ?? 'end', (position) => {
      // The client calls this from its own stream, where events before the checkpoint may
      // still wait unread while the feed is paused: then it is passed over (the server sends
      // another), for the buffer must never hold a checkpoint ahead of an event before it.
      if (!opened || native.readableLength > 0) return;
      if (this.feed === opened) this.interruption = undefined;
      try {
        opened.buffer.push({ checkpoint: positionFromKurrent(position) });
        signal();
      } catch {
        // A position the ledger cannot hold: only an optimisation is lost.
      }
    });
    const feed: OpenFeed = { native, buffer: [], paused: false, failure: undefined, ended: false };
    opened = feed;
    // Only the current feed may wake the consumer: a stopped one still emits 'close'.
    const signal = () => {
      if (this.feed === feed) this.wake?.();
    };
    native.on('data', (resolved: AllStreamResolvedEvent) => {
      if (this.feed === feed) this.interruption = undefined;
      feed.buffer.push(resolved);
      if (feed.buffer.length >= PAUSE_AT && !feed.paused) {
        feed.paused = true;
        native.pause();
      }
      signal();
    });
    // Reconnected and nothing new to deliver: receiving again all the same.
    native.on('caughtUp', () => {
      if (this.feed === feed) this.interruption = undefined;
    });
    // A listener from the start: an error before the first next() must not go unhandled.
    native.on('error', (error: unknown) => {
      feed.failure = error;
      signal();
    });
    native.on('end', () => {
      feed.ended = true;
      signal();
    });
    native.on('close', () => {
      feed.ended = true;
      signal();
    });
    if (this.last === undefined) {
      // From 'end': where the server caught up is where a re-subscription must resume.
      native.once('caughtUp', (info: CaughtUp) => {
        if (this.last === undefined && info.position) {
          try {
            this.last = positionFromKurrent(info.position);
          } catch {
            // Left unknown: a cut before the first event then ends the subscription (see run).
          }
        }
      });
    }
    return feed;
  }

  private stopFeed(): void {
    const feed = this.feed;
    this.feed = undefined;
    if (!feed) return;
    feed.native.unsubscribe().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
