import type { SubscriptionInterruption } from '../event-store.port.js';
import type { ComponentHealth, ComponentState } from './component-health.js';
import { isTransientFailure } from './transient-failure.js';

const FIRST_DELAY_MS = 100;
const LONGEST_DELAY_MS = 5_000;

export interface RestartScheduleOptions {
  firstDelayMs?: number;
  longestDelayMs?: number;
  clock?: () => Date;
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
  private readonly firstDelayMs: number;
  private readonly longestDelayMs: number;
  private readonly clock: () => Date;

  constructor(
    private readonly restart: () => unknown,
    options: RestartScheduleOptions = {},
  ) {
    this.firstDelayMs = options.firstDelayMs ?? FIRST_DELAY_MS;
    this.longestDelayMs = options.longestDelayMs ?? LONGEST_DELAY_MS;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Records the failure and, when it is transient, schedules a restart; true when one is scheduled. */
  afterFailure(error: unknown): boolean {
    this.lastFailure = { message: messageOf(error), since: this.lastFailure?.since ?? this.clock() };
    if (!isTransientFailure(error)) return false;
    const delay = Math.min(this.firstDelayMs * 2 ** this.failures, this.longestDelayMs);
    this.failures += 1;
    this.cancel();
    this.timer = setTimeout(() => this.fire(), delay);
    // A restart pending must not keep a process alive that is otherwise done.
    this.timer.unref();
    return true;
  }

  /** Work was done again: the failure is over, and the next one starts the delays over. */
  succeeded(): void {
    this.failures = 0;
    this.lastFailure = undefined;
  }

  /** Starts again now, whatever the failure was (an operator says its cause is fixed). */
  retryNow(): void {
    if (this.lastFailure === undefined) return;
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

  /** A restart is scheduled. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /**
   * The part's health: `failed` is its own word for having stopped on a failure, shown as
   * `recovering` while a restart is scheduled and `faulted` when none is. A running part
   * whose subscription is interrupted (and reconnecting on its own) is `recovering` too.
   */
  health(component: string, state: 'running' | 'stopped' | 'failed', interruption?: SubscriptionInterruption): ComponentHealth {
    if (state === 'running' && interruption) {
      return {
        component,
        state: 'recovering',
        failure: messageOf(interruption.failure),
        failingSince: interruption.since.toISOString(),
        restarts: this.restartCount,
      };
    }
    const shown: ComponentState = state === 'failed' ? (this.pending ? 'recovering' : 'faulted') : state;
    const failure = state === 'failed' || this.pending ? this.lastFailure : undefined;
    return {
      component,
      state: shown,
      ...(failure ? { failure: failure.message, failingSince: failure.since.toISOString() } : {}),
      restarts: this.restartCount,
    };
  }

  private fire(): void {
    this.timer = undefined;
    this.restartCount += 1;
    void this.restart();
  }
}

function messageOf(error: unknown): string {
  // Not `instanceof Error`: better-sqlite3's native module makes its errors in the realm it
  // was first loaded in, which need not be this one (Jest's sandboxes).
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  if (typeof message !== 'string') return String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
