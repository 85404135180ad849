import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import {
  EVENT_STORE,
  exportDealEvidence,
  exportRegulatorPackage,
  PersonalDataResolver,
  TAMPER_EVIDENCE_SETTINGS,
  TransparencyLog,
  zipPackage,
  type ExportScope,
  type TamperEvidenceSettings,
} from '#application';
import { LedgerError } from '#domain';
import type { EventStore } from '#event-store';
import { CHECKPOINT_SIGNING, type EvidenceSigning } from './evidence-bundle.tokens.js';
import { LedgerVerificationRuns } from './ledger-verification.runs.js';

export const ZIP = 'application/zip';

/**
 * The exports an auditor downloads (a deal's evidence bundle, a regulator package), made from
 * one set of parts: the store, the log tree, the signing key, the server's shared verification
 * run (one pass for every caller at the time, so downloads cannot each start a pass of the
 * whole store) and the personal-data vault (names shown and disclosed).
 */
@Injectable()
export class EvidenceExports {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly log: TransparencyLog,
    @Inject(CHECKPOINT_SIGNING) private readonly signing: EvidenceSigning,
    @Inject(TAMPER_EVIDENCE_SETTINGS) private readonly settings: TamperEvidenceSettings,
    private readonly verifications: LedgerVerificationRuns,
    @Inject(PersonalDataResolver) private readonly names: PersonalDataResolver,
  ) {}

  async dealBundle(dealId: string): Promise<ReadonlyMap<string, Buffer>> {
    const result = await exportDealEvidence(this.store, this.log, this.signing, this.settings, { dealId, verify: this.verify, names: this.names });
    if (!result.ok) {
      throw new LedgerError('EVIDENCE.NOT_EXPORTED', `The evidence bundle of ${dealId} was not made: ${result.reason}`, 'unavailable', {
        details: { dealId, ...(result.report?.problem ? { problem: result.report.problem.code } : {}) },
      });
    }
    return result.files;
  }

  async regulatorPackage(scope: ExportScope, requestedBy: string): Promise<ReadonlyMap<string, Buffer>> {
    const result = await exportRegulatorPackage(this.store, this.log, this.signing, this.settings, { scope, requestedBy, verify: this.verify, names: this.names });
    if (!result.ok) {
      throw new LedgerError('EXPORT.NOT_EXPORTED', `The regulator package was not made: ${result.reason}`, 'unavailable', {
        details: { ...(result.report?.problem ? { problem: result.report.problem.code } : {}) },
      });
    }
    return result.files;
  }

  private readonly verify = async () => (await this.verifications.latest()).verification;
}

/** Files as a zip download (zipPackage: stored entries, the same files give the same bytes), never cached. */
export function zipDownload(files: ReadonlyMap<string, Buffer>, fileName: string, res: Response): StreamableFile {
  res.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(zipPackage(files), { type: ZIP, disposition: `attachment; filename="${fileName}"` });
}
