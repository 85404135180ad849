import { RestartSchedule, type ComponentHealth, type SelfHealing } from '#event-store';
import type { CheckpointSigner, SignOutcome } from './checkpoint-signer.js';
import type { CheckpointSchedule as Schedule } from './tamper-evidence-settings.js';
import type { TransparencyLog } from './transparency-log.js';

/** How often the schedule looks at the tree: the "every N events" rule is kept to within this. */
const TICK_MS = 1_000;

export interface CheckpointScheduleHooks {
  /** A checkpoint was signed, refused, or could not be timestamped. */
  onOutcome?: (outcome: SignOutcome) => void;
  /** Signing failed (the proofs file full or locked, the key unreadable): once per failure episode. */
  onError?: (error: unknown) => void;
}

/**
 * `ledger serve` signs checkpoints on its own: once the tree has grown by `everyEvents`, or
 * `everySeconds` after the last checkpoint if it has grown at all, whichever comes first.
 * An idle ledger signs nothing new (its latest checkpoint still covers everything), and a
 * refusal is reported once, not every second.
 *
 * A tick that fails on a transient failure (a full disk, a lock) is tried again after a
 * growing delay instead of every second; any other failure is tried again at each tick.
 */
export class CheckpointScheduler implements SelfHealing {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastRefusal: string | undefined;
  private lastTimestampRetry = 0;
  /** The last tick failed. */
  private failed = false;
  private readonly restarts = new RestartSchedule(() => this.tick(), { onFirstFailure: (error) => this.hooks.onError?.(error) });

  constructor(
    private readonly log: TransparencyLog,
    private readonly signer: CheckpointSigner,
    private readonly schedule: Schedule,
    private readonly now: () => Date,
    private readonly hooks: CheckpointScheduleHooks = {},
  ) {}

  start(): void {
    if (this.timer) return;
    // While a retry after a transient failure is scheduled, its delay sets the pace.
    this.timer = setInterval(() => void (this.restarts.pending ? undefined : this.tick()), TICK_MS);
    // A schedule alone must not keep a process alive.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.restarts.cancel();
    await this.running;
  }

  /** `checkpoints`: `recovering` after a transient failure of the last tick, `faulted` after another. */
  health(): ComponentHealth {
    return this.restarts.health({ component: 'checkpoints', neededToServe: false }, this.timer === undefined ? 'stopped' : this.failed ? 'failed' : 'running');
  }

  /** Looks at the tree now (an operator fixed what failed the last tick). */
  retryNow(): void {
    // A schedule stopped (or never started) signs nothing on its own.
    if (this.timer === undefined) return;
    if (this.failed) this.restarts.retryNow();
    else void this.tick();
  }

  /** One look at the tree; signs if the schedule says so. Overlapping ticks wait for the one in flight. */
  tick(): Promise<void> {
    this.running ??= this.signIfDue()
      .then(
        () => this.succeeded(),
        (error: unknown) => this.fail(error),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private succeeded(): void {
    this.failed = false;
    this.restarts.succeeded();
  }

  private fail(error: unknown): void {
    this.failed = true;
    this.restarts.afterFailure(error);
    // A schedule stopped (or never started) signs nothing on its own.
    if (this.timer === undefined) this.restarts.cancel();
  }

  private async signIfDue(): Promise<void> {
    const latest = this.log.book.latest();
    const grown = this.log.tree.size() - (latest?.treeSize ?? 0);
    if (grown <= 0) {
      // A TSA that failed is asked again, but not more often than checkpoints are signed.
      const now = this.now().getTime();
      if (now - this.lastTimestampRetry < this.schedule.everySeconds * 1000) return;
      this.lastTimestampRetry = now;
      const retry = await this.signer.timestampLatest();
      if (retry && latest) this.report({ signed: latest, timestampError: retry });
      return;
    }
    const age = latest ? (this.now().getTime() - Date.parse(latest.signedAt)) / 1000 : Number.POSITIVE_INFINITY;
    if (grown < this.schedule.everyEvents && age < this.schedule.everySeconds) return;
    const outcome = await this.signer.sign();
    // Nothing to sign (a tree still catching up with what was signed) is no news.
    if (!('unchanged' in outcome)) this.report(outcome);
  }

  private report(outcome: SignOutcome): void {
    if ('refused' in outcome) {
      if (outcome.refused.message === this.lastRefusal) return;
      this.lastRefusal = outcome.refused.message;
    } else {
      this.lastRefusal = undefined;
    }
    this.hooks.onOutcome?.(outcome);
  }
}
