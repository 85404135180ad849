import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  LEDGER_SIGNER,
  TAMPER_EVIDENCE_SETTINGS,
  TransparencyLog,
  verifyLedger,
  type LedgerSigner,
  type LedgerVerification,
  type TamperEvidenceSettings,
} from '#application';
import type { EventStore } from '#event-store';
import { VerificationOutcomes, type VerificationOutcome } from '../observability/verification-outcomes.js';

export interface VerificationRun {
  verification: LedgerVerification;
  /** When this run started: everything on record by then was checked. */
  checkedAt: string;
}

/**
 * Verification reads and hashes the whole log: seconds on a large store. Requests that
 * arrive while a run is going get that run's answer instead of starting another, so many
 * callers cannot keep the cores busy. A result is never reused after its run: an auditor
 * asking after an edit made behind the store's back must see it.
 */
@Injectable()
export class LedgerVerificationRuns {
  private running: Promise<VerificationRun> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TAMPER_EVIDENCE_SETTINGS) private readonly settings: TamperEvidenceSettings,
    private readonly log: TransparencyLog,
    @Inject(LEDGER_SIGNER) private readonly signer: LedgerSigner,
    private readonly outcomes: VerificationOutcomes,
  ) {}

  /** The run going on, or a new one; its result is counted for `/metrics` as asked by `trigger`. */
  latest(trigger: VerificationOutcome['trigger'] = 'request'): Promise<VerificationRun> {
    this.running ??= this.verify(trigger).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async verify(trigger: VerificationOutcome['trigger']): Promise<VerificationRun> {
    const checkedAt = new Date().toISOString();
    // A turn for other requests every few thousand events: hashing is synchronous work.
    // The file's own integrity check reads it all at once, blocking every other request:
    // `ledger verify` runs it; here the schema is checked, and everything the hashes cover.
    const verification = await verifyLedger(this.store, this.log, this.settings, {
      ledgerKeys: [this.signer.vkey],
      ...(this.settings.tsa?.trustAnchorsPem ? { tsaTrustAnchorsPem: this.settings.tsa.trustAnchorsPem } : {}),
      storage: 'quick',
      yieldEvery: 2_000,
    });
    this.outcomes.record(verification, checkedAt, trigger);
    return { verification, checkedAt };
  }
}
