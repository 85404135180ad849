import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { zipSync } from 'fflate';
import { EVENT_STORE, exportDealEvidence, PersonalDataResolver, TAMPER_EVIDENCE_SETTINGS, TransparencyLog, type TamperEvidenceSettings } from '#application';
import { LedgerError } from '#domain';
import type { EventStore } from '#event-store';
import { CHECKPOINT_SIGNING, type EvidenceSigning } from './evidence-bundle.tokens.js';
import { LedgerVerificationRuns } from './ledger-verification.runs.js';

const ZIP = 'application/zip';

/**
 * A deal's evidence bundle, as `ledger export` writes it, in one zip for an auditor's
 * download: unzipped, `ledger verify-bundle <dir> --ledger-key …` checks it offline. The
 * same code builds both (exportDealEvidence); only the container differs. The ledger is
 * verified by the server's shared run (one pass for every caller at the time, yielding to
 * other requests), and the zip is returned, not written here: the access log's entry is
 * stored before the answer leaves, as for every audit read.
 */
@ApiTags('audit')
@Controller('deals/:dealId')
export class EvidenceBundleHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly log: TransparencyLog,
    @Inject(CHECKPOINT_SIGNING) private readonly signing: EvidenceSigning,
    @Inject(TAMPER_EVIDENCE_SETTINGS) private readonly settings: TamperEvidenceSettings,
    private readonly verifications: LedgerVerificationRuns,
    @Inject(PersonalDataResolver) private readonly names: PersonalDataResolver,
  ) {}

  @Get('evidence-bundle')
  @ApiOperation({
    summary:
      "The deal's evidence bundle as a zip (its events, figure histories, each event's inclusion proof and the signed checkpoint); " +
      'unzip it and check it offline with `ledger verify-bundle`. The ledger is verified first; a checkpoint is signed if none covers the deal yet',
  })
  @ApiProduces(ZIP)
  @ApiOkResponse({ description: 'A zip of the bundle files', content: { [ZIP]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 404, description: 'DEAL.NOT_FOUND' })
  @ApiResponse({ status: 503, description: 'EVIDENCE.NOT_EXPORTED: the ledger does not verify, or its log tree does not reach the deal yet' })
  async bundle(@Param('dealId') dealId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const result = await exportDealEvidence(this.store, this.log, this.signing, this.settings, {
      dealId,
      verify: async () => (await this.verifications.latest()).verification,
      names: this.names,
    });
    if (!result.ok) {
      throw new LedgerError('EVIDENCE.NOT_EXPORTED', `The evidence bundle of ${dealId} was not made: ${result.reason}`, 'unavailable', {
        details: { dealId, ...(result.report?.problem ? { problem: result.report.problem.code } : {}) },
      });
    }
    // Stored, not deflated: the files are small, and their bytes are what the manifest signs.
    const zip = zipSync(Object.fromEntries([...result.files].map(([name, bytes]) => [name, [new Uint8Array(bytes), { level: 0 }]])));
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(Buffer.from(zip), { type: ZIP, disposition: `attachment; filename="${dealId}-evidence.zip"` });
  }
}
