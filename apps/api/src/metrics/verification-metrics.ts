import { Counter, Gauge, type Registry } from 'prom-client';
import type { TransparencyLog } from '#application';
import type { VerificationOutcomes } from '../observability/verification-outcomes.js';

/** Verifications of the whole ledger and how old the latest signed checkpoint is, read at each scrape. */
export function registerVerificationMetrics(registry: Registry, outcomes: VerificationOutcomes, log: TransparencyLog, now: () => Date): void {
  const registers = [registry];
  new Counter({
    name: 'ledger_verifications_total',
    help: "Verifications of the whole ledger since the process started (GET /audit/verify, evidence-bundle downloads and the schedule), by result: 'ok' or 'failed'",
    labelNames: ['result'],
    registers,
    collect() {
      this.reset();
      this.inc({ result: 'ok' }, outcomes.totals.ok);
      this.inc({ result: 'failed' }, outcomes.totals.failed);
    },
  });
  new Gauge({
    name: 'ledger_verification_ok',
    help: 'The latest verification of the whole ledger: 1 it held, 0 it found a problem (NaN before the first)',
    registers,
    collect() {
      const latest = outcomes.latest;
      this.set(latest ? (latest.ok ? 1 : 0) : Number.NaN);
    },
  });
  new Gauge({
    name: 'ledger_verification_age_seconds',
    help: 'Seconds since the latest verification of the whole ledger started (NaN before the first)',
    registers,
    collect() {
      const latest = outcomes.latest;
      this.set(latest ? Math.max(0, (now().getTime() - Date.parse(latest.checkedAt)) / 1000) : Number.NaN);
    },
  });
  new Gauge({
    name: 'ledger_checkpoint_age_seconds',
    help: 'Seconds since the latest checkpoint was signed (NaN before the first): alert when it exceeds the schedule (LEDGER_CHECKPOINT_EVERY_SECONDS) while events arrive',
    registers,
    collect() {
      let latest: { signedAt: string } | undefined;
      try {
        latest = log.book.latest();
      } catch {
        latest = undefined; // The proofs file unreadable: its part shows it; the scrape still answers.
      }
      this.set(latest ? Math.max(0, (now().getTime() - Date.parse(latest.signedAt)) / 1000) : Number.NaN);
    },
  });
}
