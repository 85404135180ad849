import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EvidenceExports, ZIP, zipDownload } from './evidence-exports.js';

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
  constructor(private readonly exports: EvidenceExports) {}

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
    return zipDownload(await this.exports.dealBundle(dealId), `${dealId}-evidence.zip`, res);
  }
}
