import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LedgerVerification } from '#application';
import { toCursor } from '#contract';
import { ChainProblemAnswer, chainProblemAnswer } from './chain-problem.answer.js';
import { DealCosignerAnswer } from './deal-verification.answer.js';

export class LogTreeAnswer {
  @ApiProperty() size!: number;
  @ApiProperty() state!: string;
}

export class CosignerAnswer extends DealCosignerAnswer {
  @ApiProperty() keyId!: string;
}

export class VerifiedCheckpointAnswer {
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'Standard base64 of the root' }) root!: string;
  @ApiProperty({ type: [CosignerAnswer] }) cosigners!: CosignerAnswer[];
}

export class TimestampedCheckpointAnswer {
  @ApiProperty() treeSize!: number;
  @ApiProperty() genTime!: string;
}

/**
 * `GET /audit/verify`: a ledger that does not verify still answers 200 (the check itself
 * worked) with `ok: false` and the first problem found.
 */
export class LedgerVerificationAnswer {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'Everything on record by then was checked' }) checkedAt!: string;
  @ApiProperty({ description: 'The cursor verified up to', example: '42' }) upTo!: string;
  @ApiProperty() events!: number;
  @ApiProperty() streams!: number;
  @ApiPropertyOptional({ description: 'The root of the tree of the events verified (standard base64)' }) root?: string;
  @ApiProperty({ type: LogTreeAnswer }) tree!: LogTreeAnswer;
  @ApiProperty({ type: [String], description: 'The C2SP verifier keys checkpoints were checked against' }) ledgerKeys!: string[];
  @ApiProperty() checkpointsFound!: number;
  @ApiProperty() checkpointsVerified!: number;
  @ApiProperty({ type: [VerifiedCheckpointAnswer], description: 'The latest few verified (all are)' })
  checkpoints!: VerifiedCheckpointAnswer[];
  @ApiProperty({ type: [TimestampedCheckpointAnswer] }) timestamps!: TimestampedCheckpointAnswer[];
  @ApiProperty({ description: 'Events no verified checkpoint covers yet' }) notYetCheckpointed!: number;
  @ApiPropertyOptional({ type: ChainProblemAnswer }) problem?: ChainProblemAnswer;
}

/** How many of the latest verified checkpoints an answer lists (all are verified). */
const LISTED_CHECKPOINTS = 20;

/**
 * Positions as cursors; where files are read from stays on the server. A ledger signs a
 * checkpoint a minute: the answer lists the latest few, with who cosigned each.
 */
export function ledgerVerificationAnswer(
  v: LedgerVerification,
  checkedAt: string,
  cosigners: (treeSize: number) => CosignerAnswer[],
): LedgerVerificationAnswer {
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
    checkpoints: v.checkpoints.slice(-LISTED_CHECKPOINTS).map(({ treeSize, root }) => ({ treeSize, root, cosigners: cosigners(treeSize) })),
    timestamps: v.timestamps.slice(-LISTED_CHECKPOINTS),
    notYetCheckpointed: v.notYetCheckpointed,
    ...(v.problem ? { problem: chainProblemAnswer(v.problem) } : {}),
  };
}
