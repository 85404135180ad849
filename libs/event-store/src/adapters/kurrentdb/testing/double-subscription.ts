import { Transform, type TransformCallback } from 'node:stream';
import type { AllStreamSubscription, CaughtUp, Filter } from '@kurrent/kurrentdb-client';
import { filterKeeps, resolved, type DoubleLog, type LogRecord } from './double-log.js';

/** The server's default search window of a filtered read (DefaultReadBatchSize): a checkpoint interval is a multiple of it. */
export const SEARCH_WINDOW = 32;

/** What goes down the double's call: an event, a filter checkpoint at a log position, or the news it caught up. */
type Message = { record: LogRecord } | { checkpoint: bigint } | { caughtUp: CaughtUp };

/**
 * A catch-up subscription to `$all` of the KurrentDB client double, shaped like the client's
 * own (an object-mode Transform of the server's messages with `unsubscribe()` and a `caughtUp`
 * event): it delivers what the log holds after its start, then every event appended, in log
 * order. With a filter, the server also sends checkpoints between the events: every
 * `checkpointInterval × maxSearchWindow` (default 32) events it considered, matching or not,
 * and when it catches up; like the client, the double awaits the filter's `checkpointReached`
 * with each, in order with the events.
 */
export class DoubleSubscription extends Transform {
  private stopped = false;
  private caughtUp = false;
  /** Events considered since the last checkpoint, and the position of the last one considered. */
  private considered = 0;
  private lastConsidered: bigint | undefined;
  /** The server sends no checkpoint at or before the last one it sent. */
  private lastCheckpoint: bigint | undefined;

  /** `next`: the index in the log of the first record it has not looked at yet. */
  constructor(
    private readonly log: DoubleLog,
    private next: number,
    private readonly serverFilter: Filter | undefined,
    private readonly onStop: (subscription: DoubleSubscription) => void,
  ) {
    super({ objectMode: true });
  }

  get open(): boolean {
    return !this.stopped;
  }

  /** Sends everything the log holds past what was sent; the double calls it after every write. */
  pump(): void {
    if (this.stopped) return;
    const interval = this.serverFilter ? this.serverFilter.checkpointInterval * (this.serverFilter.maxSearchWindow ?? SEARCH_WINDOW) : Infinity;
    while (this.next < this.log.records.length) {
      const record = this.log.records[this.next++]!;
      // The server applies the subscription's filter before anything goes over the wire.
      if (filterKeeps(this.serverFilter, record)) this.write({ record });
      this.lastConsidered = record.position;
      if (++this.considered >= interval) this.checkpoint();
    }
    if (!this.caughtUp) {
      this.caughtUp = true;
      // Going live, the server sends a checkpoint, so one comes within every interval.
      if (this.serverFilter) this.checkpoint();
      const last = this.log.records[this.log.records.length - 1];
      // Newer servers say where they caught up: the position of the last event in the log.
      const info: CaughtUp = last ? { date: new Date(), position: { commit: last.position, prepare: last.position } } : {};
      this.write({ caughtUp: info });
    }
  }

  /** The connection is gone: the client emits the error on the subscription and sends nothing more. */
  fail(error: Error): void {
    if (this.stopped) return;
    this.stop();
    this.emit('error', error);
  }

  /** As the client's: cancels the call on the next turn; the stream then ends. */
  async unsubscribe(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.stopped) return;
    this.stop();
    this.end();
  }

  /** As the client's: a checkpoint is awaited with the filter's callback, an event passed on as the client resolves it. */
  override _transform(message: Message, _encoding: BufferEncoding, next: TransformCallback): void {
    if ('record' in message) return next(null, resolved(message.record));
    if ('caughtUp' in message) {
      this.emit('caughtUp', message.caughtUp);
      return next();
    }
    const position = { commit: message.checkpoint, prepare: message.checkpoint };
    Promise.resolve(this.serverFilter?.checkpointReached?.(this as unknown as AllStreamSubscription, position)).then(() => next(), next);
  }

  private checkpoint(): void {
    this.considered = 0;
    const at = this.lastConsidered;
    if (at === undefined || (this.lastCheckpoint !== undefined && at <= this.lastCheckpoint)) return;
    this.lastCheckpoint = at;
    this.write({ checkpoint: at });
  }

  private stop(): void {
    this.stopped = true;
    this.onStop(this);
  }
}
