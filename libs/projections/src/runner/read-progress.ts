import { PositionWaiters } from '#event-store';
import type { RunnerContext } from './runner-context.js';

/**
 * How far readers can see, and the readers waiting to see further (read-your-writes).
 * The position only moves when every live slot has passed it: a projection frozen for a
 * version rebuild serves older rows until its swap, so a wait across such a rebuild ends
 * at the swap or on timeout.
 */
export class ReadProgress {
  private reached = 0;
  private readonly waiters = new PositionWaiters();

  constructor(
    private readonly context: RunnerContext,
    /** A faulted runner starts again on its own: its readers may still see their position in time. */
    private readonly restarting: () => boolean,
  ) {}

  get position(): number {
    return this.reached;
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (position <= this.reached) return Promise.resolve(true);
    if (this.context.state === 'faulted' && !this.restarting()) return Promise.resolve(false);
    return this.waiters.wait(position, timeoutMs);
  }

  /** At start, and after a swap: the served rows are what they are now (a swap may move them past waits). */
  reset(): void {
    this.reached = this.context.servedPosition();
  }

  /** After a batch: ends the waits the live slots now satisfy. */
  advance(): void {
    this.reached = Math.max(this.reached, this.context.servedPosition());
    this.waiters.reached(this.reached);
  }

  /** Ends every wait with false: the runner stopped or faulted. */
  abandon(): void {
    this.waiters.abandon();
  }
}
