import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { exportScopeOf, type ExportScope } from '#application';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { EvidenceExports, ZIP, zipDownload } from './evidence-exports.js';
import { RegulatorExportRangeRequest } from './regulator-export.request.js';

/** The OpenAPI description every scope shares. */
const Answers = (): MethodDecorator => (target, key, descriptor) => {
  ApiProduces(ZIP)(target, key, descriptor);
  ApiOkResponse({ description: 'The package as a zip', content: { [ZIP]: { schema: { type: 'string', format: 'binary' } } } })(target, key, descriptor);
  ApiResponse({ status: 503, description: 'EXPORT.NOT_EXPORTED: the ledger does not verify, or its log tree does not reach the export yet' })(
    target,
    key,
    descriptor,
  );
};

/**
 * Regulator packages for auditors (and admins): the zip `ledger export --regulator` writes,
 * built by the same code (exportRegulatorPackage). One route per scope, beside what it
 * exports — a deal's next to its evidence bundle, a party's under the party, a recording
 * period under /audit — so the path names the deal for the access log as every deal read
 * does, and each route takes only the inputs of its scope. Read only: the one thing an
 * export may write is a checkpoint, when none covers its last event yet, as a bundle does.
 */
@ApiTags('audit')
@Controller()
export class RegulatorExportHttpController {
  constructor(private readonly exports: EvidenceExports) {}

  @Get('deals/:dealId/regulator-export')
  @ApiOperation({ summary: "A deal's regulator package (zip): its evidence bundle, its events, figure histories, a PDF report, a signed manifest" })
  @Answers()
  @ApiResponse({ status: 400, description: 'ID.INVALID (field dealId)' })
  @ApiResponse({ status: 404, description: 'DEAL.NOT_FOUND' })
  deal(@Param('dealId') dealId: string, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.answer(exportScopeOf({ dealId }), request, res);
  }

  @Get('parties/:partyId/regulator-export')
  @ApiOperation({ summary: "A party's regulator package (zip): its own stream and every deal that names it, with a PDF report and a signed manifest" })
  @Answers()
  @ApiResponse({ status: 400, description: 'ID.INVALID (field partyId)' })
  @ApiResponse({ status: 404, description: 'PARTY.NOT_FOUND: no party stream and no deal names it' })
  party(@Param('partyId') partyId: string, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.answer(exportScopeOf({ partyId }), request, res);
  }

  @Get('audit/regulator-export')
  @ApiOperation({ summary: 'The regulator package (zip) of every deal and party event the ledger recorded in [from, to)' })
  @Answers()
  @ApiResponse({ status: 400, description: 'TIME.INVALID_TIMESTAMP (field from or to), EXPORT.RANGE_INVERTED (field to), or a missing from/to' })
  @ApiResponse({ status: 404, description: 'EXPORT.NOTHING_RECORDED: no deal or party event was recorded in the range' })
  range(@Query() query: RegulatorExportRangeRequest, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.answer(exportScopeOf({ from: query.from, to: query.to }), request, res);
  }

  private async answer(scope: ExportScope, request: AuthenticatedRequest, res: Response): Promise<StreamableFile> {
    return zipDownload(await this.exports.regulatorPackage(scope, principalOf(request).actor), fileName(scope), res);
  }
}

function fileName(scope: ExportScope): string {
  switch (scope.kind) {
    case 'deal':
      return `${scope.dealId}-regulator-export.zip`;
    case 'party':
      return `party-${scope.partyId}-regulator-export.zip`;
    case 'recorded':
      return `recorded-${scope.from.replace(/[:.]/g, '')}-${scope.to.replace(/[:.]/g, '')}-regulator-export.zip`;
  }
}
