import { PassThrough } from 'node:stream';
import type { CaughtUp, Filter } from '@kurrent/kurrentdb-client';
import { filterKeeps, resolved, type DoubleLog } from './double-log.js';

/**
 * A catch-up subscription to `$all` of the KurrentDB client double, shaped like the client's
 * own (an object-mode stream with `unsubscribe()` and a `caughtUp` event): it delivers what
 * the log holds after its start, then every event appended, in log order.
 */
export class DoubleSubscription extends PassThrough {
  private stopped = false;
  private caughtUp = false;

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
    while (this.next < this.log.records.length) {
      const record = this.log.records[this.next++]!;
      // The server applies the subscription's filter before anything goes over the wire.
      if (filterKeeps(this.serverFilter, record)) this.write(resolved(record));
    }
    if (!this.caughtUp) {
      this.caughtUp = true;
      const last = this.log.records[this.log.records.length - 1];
      // Newer servers say where they caught up: the position of the last event in the log.
      const info: CaughtUp = last ? { date: new Date(), position: { commit: last.position, prepare: last.position } } : {};
      this.emit('caughtUp', info);
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

  private stop(): void {
    this.stopped = true;
    this.onStop(this);
  }
}
