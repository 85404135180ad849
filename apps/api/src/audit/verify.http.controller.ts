import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TransparencyLog } from '#application';
import type { ChainProblem } from '#event-store';
import { toCursor } from '#contract';
import { LedgerVerificationRuns, type VerificationRun } from './ledger-verification.runs.js';

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
  async verify() {
    return this.toBody(await this.runs.latest());
  }

  /**
   * Positions as cursors; where files are read from stays on the server. A ledger signs a
   * checkpoint a minute: the answer lists the latest few, with who cosigned each.
   */
  private toBody({ verification: v, checkedAt }: VerificationRun) {
    const latest = v.checkpoints.slice(-LISTED_CHECKPOINTS).map(({ treeSize, root }) => ({ treeSize, root, cosigners: this.log.cosigners(treeSize) }));
    return answerOf(v, checkedAt, latest);
  }
}

/** How many of the latest verified checkpoints an answer lists (all are verified). */
const LISTED_CHECKPOINTS = 20;

function answerOf(v: VerificationRun['verification'], checkedAt: string, checkpoints: unknown[]) {
  return {
    ok: v.ok,
    checkedAt,
    upTo: toCursor(v.upTo),
    events: v.events,
    streams: v.streams,
    ...(v.root ? { root: v.root } : {}),
    tree: v.tree,
    ledgerKeys: v.ledgerKeys.map((k) => k.vkey),
    checkpointsFound: v.checkpointsFound,
    checkpointsVerified: v.checkpoints.length,
    checkpoints,
    timestamps: v.timestamps.slice(-LISTED_CHECKPOINTS),
    notYetCheckpointed: v.notYetCheckpointed,
    ...(v.problem ? { problem: problemBody(v.problem) } : {}),
  };
}

function problemBody(problem: ChainProblem) {
  const { position, ...rest } = problem;
  return { ...rest, ...(position !== undefined ? { position: toCursor(position) } : {}) };
}
