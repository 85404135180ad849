import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TransparencyLog } from '#application';
import { LedgerVerificationRuns } from './ledger-verification.runs.js';
import { LedgerVerificationAnswer, ledgerVerificationAnswer } from './ledger-verification.answer.js';

/**
 * For auditors: recomputes every hash chain, checks every event against the log tree and
 * every signed checkpoint against the tree the log makes. A ledger that does not verify
 * still answers 200 (the check itself worked) with `ok: false` and the first problem found.
 */
@ApiTags('audit')
@Controller('audit')
export class VerifyHttpController {
  constructor(
    private readonly runs: LedgerVerificationRuns,
    private readonly log: TransparencyLog,
  ) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the hash chains, the log tree and the signed checkpoints; names the first event or checkpoint that does not match',
  })
  @ApiOkResponse({ type: LedgerVerificationAnswer })
  async verify(): Promise<LedgerVerificationAnswer> {
    const { verification, checkedAt } = await this.runs.latest();
    return ledgerVerificationAnswer(verification, checkedAt, (treeSize) => this.log.cosigners(treeSize));
  }
}
