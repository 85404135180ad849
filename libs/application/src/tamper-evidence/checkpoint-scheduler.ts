import type { CheckpointSigner, SignOutcome } from './checkpoint-signer.js';
import type { CheckpointSchedule as Schedule } from './tamper-evidence-settings.js';
import type { TransparencyLog } from './transparency-log.js';

/** How often the schedule looks at the tree: the "every N events" rule is kept to within this. */
const TICK_MS = 1_000;

export interface CheckpointScheduleHooks {
  /** A checkpoint was signed, refused, or could not be timestamped. */
  onOutcome?: (outcome: SignOutcome) => void;
  onError?: (error: unknown) => void;
}

/**
 * `ledger serve` signs checkpoints on its own: once the tree has grown by `everyEvents`, or
 * `everySeconds` after the last checkpoint if it has grown at all, whichever comes first.
 * An idle ledger signs nothing new (its latest checkpoint still covers everything), and a
 * refusal is reported once, not every second.
 */
export class CheckpointScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastRefusal: string | undefined;
  private lastTimestampRetry = 0;

  constructor(
    private readonly log: TransparencyLog,
    private readonly signer: CheckpointSigner,
    private readonly schedule: Schedule,
    private readonly now: () => Date,
    private readonly hooks: CheckpointScheduleHooks = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    // A schedule alone must not keep a process alive.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One look at the tree; signs if the schedule says so. Overlapping ticks wait for the one in flight. */
  tick(): Promise<void> {
    this.running ??= this.signIfDue()
      .catch((error) => this.hooks.onError?.(error))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
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
