import type { SubscriptionInterruption } from '../event-store.port.js';
import type { ComponentHealth, ComponentState } from './component-health.js';
import { describeFailure, isTransientFailure } from './transient-failure.js';

const FIRST_DELAY_MS = 100;
const LONGEST_DELAY_MS = 5_000;

export interface RestartScheduleOptions {
  firstDelayMs?: number;
  longestDelayMs?: number;
  clock?: () => Date;
  /** The first failure of an episode (for the log): the failures after it, until the part runs again, are not news. */
  onFirstFailure?: (error: unknown) => void;
}

/**
 * When a part that follows the log tries again after a failure: 0.1 s, doubling to 5 s, back
 * to 0.1 s once it has done some work again. Only a transient failure (`isTransientFailure`)
 * is retried on its own; any other waits for `retryNow` (an admin) or a restart. It also
 * keeps what `/health/ready` says of the part: the failure, since when, how many restarts.
 */
export class RestartSchedule {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastFailure: { message: string; since: Date } | undefined;
  private restartCount = 0;
  /** From a restart fired until the part says it runs again (`resumed`) or fails again. */
  private restarting = false;
  private readonly firstDelayMs: number;
  private readonly longestDelayMs: number;
  private readonly clock: () => Date;
  private readonly onFirstFailure: ((error: unknown) => void) | undefined;

  constructor(
    private readonly restart: () => unknown,
    options: RestartScheduleOptions = {},
  ) {
    this.firstDelayMs = options.firstDelayMs ?? FIRST_DELAY_MS;
    this.longestDelayMs = options.longestDelayMs ?? LONGEST_DELAY_MS;
    this.clock = options.clock ?? (() => new Date());
    this.onFirstFailure = options.onFirstFailure;
  }

  /** Records the failure and, when it is transient, schedules a restart; true when one is scheduled. */
  afterFailure(error: unknown): boolean {
    if (this.lastFailure === undefined) this.onFirstFailure?.(error);
    this.stoppedBy(error);
    if (!isTransientFailure(error)) return false;
    const delay = Math.min(this.firstDelayMs * 2 ** this.failures, this.longestDelayMs);
    this.failures += 1;
    this.timer = setTimeout(() => this.fire(), delay);
    // A restart pending must not keep a process alive that is otherwise done.
    this.timer.unref();
    return true;
  }

  /**
   * Records the failure for `health` and stops any restart, scheduling and telling nothing
   * (`afterFailure` does both on top): for a failure that needs an operator and that the part
   * reports in its own words (the log tree's halt).
   */
  stoppedBy(error: unknown): void {
    this.cancel();
    this.restarting = false;
    this.lastFailure = { message: describeFailure(error), since: this.lastFailure?.since ?? this.clock() };
  }

  /**
   * The part runs again after a restart (subscribed, say): the failure is over, and the next
   * one is news. The delays start over only once work is done (`succeeded`): a part that
   * fails again at once keeps backing off.
   */
  resumed(): void {
    this.cancel(); // a restart still scheduled (another path started it first) is not needed
    this.restarting = false;
    this.lastFailure = undefined;
  }

  /** Work was done again: the failure is over, and the next one starts the delays over. */
  succeeded(): void {
    this.failures = 0;
    this.resumed();
  }

  /** Starts again now, whatever the failure was (an operator says its cause is fixed); not while a restart is under way. */
  retryNow(): void {
    if (this.lastFailure === undefined || this.restarting) return;
    this.cancel();
    this.fire();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A failure was met and no work was done since: a new failure now continues the same episode. */
  get failing(): boolean {
    return this.lastFailure !== undefined;
  }

  /** A restart is scheduled, or under way. */
  get pending(): boolean {
    return this.timer !== undefined || this.restarting;
  }

  /**
   * The part's health: `failed` is its own word for having stopped on a failure, shown as
   * `recovering` while a restart is scheduled and `faulted` when none is. A running part
   * whose subscription is interrupted (and reconnecting on its own) is `recovering` too.
   */
  health(
    part: Pick<ComponentHealth, 'component' | 'neededToServe'>,
    state: 'running' | 'stopped' | 'failed',
    interruption?: SubscriptionInterruption,
  ): ComponentHealth {
    if (state === 'running' && interruption) {
      return {
        ...part,
        state: 'recovering',
        failure: describeFailure(interruption.failure),
        failingSince: interruption.since.toISOString(),
        restarts: this.restartCount,
      };
    }
    const shown: ComponentState = state === 'failed' ? (this.pending ? 'recovering' : 'faulted') : state;
    const failure = state === 'failed' || this.pending ? this.lastFailure : undefined;
    return {
      ...part,
      state: shown,
      ...(failure ? { failure: failure.message, failingSince: failure.since.toISOString() } : {}),
      restarts: this.restartCount,
    };
  }

  private fire(): void {
    this.timer = undefined;
    this.restarting = true;
    this.restartCount += 1;
    void this.restart();
  }
}
