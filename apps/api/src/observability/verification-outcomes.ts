import { Injectable } from '@nestjs/common';
import type { LedgerVerification } from '#application';

/** The result of one verification of the whole ledger, as operators see it. */
export interface VerificationOutcome {
  ok: boolean;
  /** When the run started (ISO 8601). */
  checkedAt: string;
  /** Events checked. */
  events: number;
  /** The first problem's code and message, when not ok. */
  problem?: { code: string; message: string };
  /** Who asked: an auditor (`GET /audit/verify`) or the ledger's own schedule. */
  trigger: 'request' | 'schedule';
}

/**
 * Every verification of the whole ledger this process ran, for `/metrics` (counts, the
 * last result) and `/health/ready` (a failed one takes the replica out: what it serves is
 * not what its log proves). Kept in memory: a restart verifies again on its schedule.
 */
@Injectable()
export class VerificationOutcomes {
  private last: VerificationOutcome | undefined;
  private readonly counts = { ok: 0, failed: 0 };

  record(verification: LedgerVerification, checkedAt: string, trigger: VerificationOutcome['trigger']): VerificationOutcome {
    const problem = verification.problem;
    this.last = {
      ok: verification.ok,
      checkedAt,
      events: verification.events,
      ...(problem ? { problem: { code: problem.code, message: problem.message } } : {}),
      trigger,
    };
    this.counts[verification.ok ? 'ok' : 'failed'] += 1;
    return this.last;
  }

  get latest(): VerificationOutcome | undefined {
    return this.last;
  }

  get totals(): { readonly ok: number; readonly failed: number } {
    return this.counts;
  }
}
