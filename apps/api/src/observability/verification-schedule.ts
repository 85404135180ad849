import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SELF_HEALING } from '#application';
import type { ComponentHealth, SelfHealing } from '#event-store';
import type { OperationsSettings } from '#runtime';
import { LedgerVerificationRuns } from '../audit/ledger-verification.runs.js';
import { OPERATIONS_SETTINGS } from './operations-settings.token.js';
import { VerificationOutcomes } from './verification-outcomes.js';

/**
 * The ledger verifying itself every LEDGER_VERIFY_EVERY_S, through the same runs as
 * GET /audit/verify (a run under way is joined, not doubled). A failed verification is an
 * error line in the log, `ledger_verification_ok 0`, and this part `faulted` in
 * `/health/ready` with the problem. Like the log tree it is not needed to serve: what is
 * wrong is history, which the answers do not hide; an operator investigates with
 * `ledger verify`, and the admin's retry verifies again at once.
 */
@Injectable()
export class VerificationSchedule implements SelfHealing, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SelfVerification');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failingSince: string | undefined;

  constructor(
    private readonly runs: LedgerVerificationRuns,
    private readonly outcomes: VerificationOutcomes,
    @Inject(OPERATIONS_SETTINGS) private readonly settings: OperationsSettings,
    @Inject(SELF_HEALING) private readonly parts: SelfHealing[],
  ) {}

  onModuleInit(): void {
    const every = this.settings.verifyEverySeconds;
    if (every === 'off') return;
    this.parts.push(this);
    this.timer = setInterval(() => void this.verifyNow(), every * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    const index = this.parts.indexOf(this);
    if (index >= 0) this.parts.splice(index, 1);
    await this.running;
  }

  health(): ComponentHealth {
    const latest = this.outcomes.latest;
    const failed = latest !== undefined && !latest.ok;
    return {
      component: 'self-verification',
      neededToServe: false,
      state: failed ? 'faulted' : 'running',
      ...(failed ? { failure: latest.problem ? `${latest.problem.code}: ${latest.problem.message}` : 'verification failed', failingSince: this.failingSince ?? latest.checkedAt } : {}),
      restarts: 0,
    };
  }

  retryNow(): void {
    void this.verifyNow();
  }

  /** One run; resolves when it is over (a run already going is joined). */
  verifyNow(): Promise<void> {
    this.running ??= this.runs
      .latest('schedule')
      .then(({ verification, checkedAt }) => {
        if (verification.ok) {
          this.failingSince = undefined;
          this.logger.log(`The ledger verified: ${verification.events} events, every chain and checkpoint intact`);
        } else {
          this.failingSince ??= checkedAt;
          const problem = verification.problem;
          this.logger.error(`THE LEDGER DOES NOT VERIFY: ${problem ? `${problem.code}: ${problem.message}` : 'see GET /audit/verify'}; investigate with \`ledger verify\``);
        }
      })
      .catch((error: unknown) => this.logger.warn(`Could not verify the ledger, trying again at the next interval: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
