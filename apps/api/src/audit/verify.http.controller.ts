import { basename } from 'node:path';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TAMPER_EVIDENCE_SETTINGS, type TamperEvidenceSettings } from '#application';
import type { ChainProblem } from '#event-store';
import { toCursor } from '../http/cursor.js';
import { LedgerVerificationRuns, type VerificationRun } from './ledger-verification.runs.js';

/**
 * For auditors: recomputes every hash chain and checks every signed checkpoint. A ledger
 * that does not verify still answers 200 (the check itself worked) with `ok: false` and
 * the first problem found.
 */
@ApiTags('audit')
@Controller('audit')
export class VerifyHttpController {
  constructor(
    private readonly runs: LedgerVerificationRuns,
    @Inject(TAMPER_EVIDENCE_SETTINGS) private readonly settings: TamperEvidenceSettings,
  ) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the hash chains and signed checkpoints; names the first event that does not match',
  })
  async verify() {
    return this.toBody(await this.runs.latest());
  }

  /** Positions as cursors; file paths of the server reduced to names. */
  private toBody({ verification: v, checkedAt }: VerificationRun) {
    return {
      ok: v.ok,
      checkedAt,
      upTo: toCursor(v.upTo),
      events: v.events,
      streams: v.streams,
      checkpointsFound: v.checkpointsFound,
      checkpoints: v.checkpoints.map((c) => ({
        position: toCursor(c.position),
        signedAt: c.signedAt,
        keyId: c.keyId,
        sources: c.sources.map((s) => this.hidePaths(s)),
      })),
      ...(v.trustedKey ? { trustedKeyId: v.trustedKey.keyId } : {}),
      ...(v.problem ? { problem: this.problemBody(v.problem) } : {}),
    };
  }

  private problemBody(problem: ChainProblem) {
    const { position, checkpoint, message, ...rest } = problem;
    return {
      ...rest,
      message: this.hidePaths(message),
      ...(position !== undefined ? { position: toCursor(position) } : {}),
      ...(checkpoint
        ? { checkpoint: { position: toCursor(Math.max(0, checkpoint.position)), source: this.hidePaths(checkpoint.source) } }
        : {}),
    };
  }

  private hidePaths(text: string): string {
    const { checkpointDir, signingKeyFile } = this.settings;
    return text.split(checkpointDir).join(basename(checkpointDir)).split(signingKeyFile).join(basename(signingKeyFile));
  }
}
