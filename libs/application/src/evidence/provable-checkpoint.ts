import type { EventStore, RecordedEvent, VerificationProgress } from '#event-store';
import { commitmentsIn } from '#verifier';
import type { PersonalDataResolver } from '../records/personal-data/personal-data-resolver.js';
import type { StoredCheckpoint } from '#event-store';
import type { CheckpointSigner } from '../tamper-evidence/checkpoint-signer.js';
import type { LedgerSigner } from '../tamper-evidence/ledger-signer.js';
import type { TamperEvidenceSettings } from '../tamper-evidence/tamper-evidence-settings.js';
import type { TransparencyLog } from '../tamper-evidence/transparency-log.js';
import { verifyLedger, type LedgerVerification } from '../tamper-evidence/verify-ledger.js';
import { buildEvidenceBundle } from './evidence-bundle.js';
import type { FigureHistoryEntry } from '#projections';

export interface EvidenceSigningParts {
  signer: LedgerSigner;
  checkpoints: CheckpointSigner;
}

export interface LedgerCheckOptions {
  onProgress?: (progress: VerificationProgress) => void;
  /** How the whole ledger is verified; by default a pass of its own (a server passes its shared run). */
  verify?: () => Promise<LedgerVerification>;
}

export type ProvableCheckpoint =
  | { ok: true; checkpoint: { treeSize: number; published: string; signedAt: string }; signedNewCheckpoint: boolean; report: LedgerVerification }
  | { ok: false; report: LedgerVerification | undefined; reason: string };

/**
 * What every export needs before it shows anything: the whole ledger verified up to
 * `lastPosition` (evidence from a ledger that does not verify is worth nothing), and the
 * checkpoint that covers it — the one the log already has (the most cosigned, the smallest
 * of those), so that asking again of an unchanged ledger proves against the same one; a
 * checkpoint is signed (and kept, like any other) only when none covers it yet.
 */
export async function provableCheckpoint(
  store: EventStore,
  log: TransparencyLog,
  signing: EvidenceSigningParts,
  settings: TamperEvidenceSettings,
  lastPosition: number,
  options: LedgerCheckOptions,
): Promise<ProvableCheckpoint> {
  if (!(await log.follower.waitFor(lastPosition))) {
    const problem = log.follower.status().problem;
    return { ok: false, report: undefined, reason: `The log tree does not reach the last event asked for${problem ? `: ${problem.message}` : ''}` };
  }
  const verify =
    options.verify ??
    (() => verifyLedger(store, log, settings, { ledgerKeys: [signing.signer.vkey], ...(options.onProgress ? { onProgress: options.onProgress } : {}) }));
  let report = await verify();
  // A shared pass that began before the last event asked for did not check it: one more pass does.
  if (report.ok && report.upTo < lastPosition) report = await verify();
  if (!report.ok) return { ok: false, report, reason: 'The ledger does not verify' };
  if (report.upTo < lastPosition) return { ok: false, report, reason: "The ledger's verification does not reach the last event asked for yet" };

  let checkpoint: StoredCheckpoint | undefined = log.checkpointCovering(lastPosition);
  let signedNewCheckpoint = false;
  if (!checkpoint) {
    const outcome = await signing.checkpoints.sign();
    if ('refused' in outcome) return { ok: false, report, reason: outcome.refused.message };
    checkpoint = 'signed' in outcome ? outcome.signed : outcome.unchanged!;
    signedNewCheckpoint = 'signed' in outcome;
  }
  const { treeSize, signedAt } = checkpoint;
  return { ok: true, checkpoint: { treeSize, signedAt, published: log.book.published(treeSize)! }, signedNewCheckpoint, report };
}

/** One stream's evidence bundle under a checkpoint the log holds: its events' proofs read from the log tree. */
export function bundleOfStream(
  log: TransparencyLog,
  signer: LedgerSigner,
  checkpoint: { treeSize: number; published: string },
  stream: {
    subjectId: string;
    streamId: string;
    events: readonly RecordedEvent[];
    figureHistory: readonly FigureHistoryEntry[];
    /** Discloses the names the events hold as tokens (personal-data.jsonl); without it, none. */
    names?: PersonalDataResolver | undefined;
  },
): Map<string, Buffer> {
  const { treeSize } = checkpoint;
  const stamp = log.book.timestamp(treeSize);
  return buildEvidenceBundle({
    dealId: stream.subjectId,
    streamId: stream.streamId,
    events: stream.events,
    figureHistory: stream.figureHistory,
    checkpoint,
    proofs: stream.events.map((event) => {
      const leafIndex = log.tree.leafIndexOf(event.position)!;
      return { leafIndex, auditPath: log.tree.inclusionProof(leafIndex, treeSize) };
    }),
    ...(stamp ? { timestampReply: stamp.reply } : {}),
    ...(stream.names ? { personalData: stream.names.disclose(commitmentsIn(stream.events)) } : {}),
    signer,
  });
}
