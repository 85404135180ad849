import { assertValidId, dealStreamName } from '#domain';
import type { EventStore, VerificationProgress } from '#event-store';
import { dealNotFound } from '../queries/get-deal.query.js';
import type { CheckpointSigner } from '../tamper-evidence/checkpoint-signer.js';
import type { LedgerSigner } from '../tamper-evidence/ledger-signer.js';
import type { TamperEvidenceSettings } from '../tamper-evidence/tamper-evidence-settings.js';
import type { TransparencyLog } from '../tamper-evidence/transparency-log.js';
import { verifyLedger, type LedgerVerification } from '../tamper-evidence/verify-ledger.js';
import { commitmentsIn } from '#verifier';
import type { PersonalDataResolver } from '../records/personal-data/personal-data-resolver.js';
import { buildEvidenceBundle } from './evidence-bundle.js';
import { figureHistoryOfEvents } from './figure-history-of-events.js';

export interface ExportDealEvidenceOptions {
  dealId: string;
  onProgress?: (progress: VerificationProgress) => void;
  /**
   * How the whole ledger is verified; by default a pass of its own. A server passes its shared
   * run (one pass for every caller at the time, giving other requests their turns), so that
   * downloads cannot each start a pass of the whole store.
   */
  verify?: () => Promise<LedgerVerification>;
  /**
   * Reads the names the events hold as tokens: the figure histories show them (or their
   * erasure) and the bundle discloses each with its salt. Without it, tokens stay as stored.
   */
  names?: PersonalDataResolver;
}

export type ExportedEvidence =
  | {
      ok: true;
      files: Map<string, Buffer>;
      events: number;
      treeSize: number;
      /** True when no checkpoint covered the deal's last event and one was signed for the export. */
      signedNewCheckpoint: boolean;
      report: LedgerVerification;
    }
  | { ok: false; report: LedgerVerification | undefined; reason: string };

/**
 * `ledger export --deal`: evidence is only worth something from a ledger that verifies, so
 * the whole ledger is verified first (and nothing is exported if it fails). The bundle
 * carries the checkpoint that covers the deal's last event with the most cosignatures (the
 * smallest of those); when none covers it yet, one is signed (and kept, like any checkpoint).
 */
export async function exportDealEvidence(
  store: EventStore,
  log: TransparencyLog,
  signing: { signer: LedgerSigner; checkpoints: CheckpointSigner },
  settings: TamperEvidenceSettings,
  options: ExportDealEvidenceOptions,
): Promise<ExportedEvidence> {
  assertValidId(options.dealId, 'dealId');
  const streamId = dealStreamName(options.dealId);
  const events = await store.readStream(streamId);
  const last = events.at(-1);
  if (!last) throw dealNotFound(options.dealId);

  if (!(await log.follower.waitFor(last.position))) {
    const problem = log.follower.status().problem;
    return { ok: false, report: undefined, reason: `The log tree does not reach the deal's last event${problem ? `: ${problem.message}` : ''}` };
  }
  const verify =
    options.verify ??
    (() => verifyLedger(store, log, settings, { ledgerKeys: [signing.signer.vkey], ...(options.onProgress ? { onProgress: options.onProgress } : {}) }));
  let report = await verify();
  // A shared pass that began before the deal's last event did not check it: one more pass does.
  if (report.ok && report.upTo < last.position) report = await verify();
  if (!report.ok) return { ok: false, report, reason: 'The ledger does not verify' };
  if (report.upTo < last.position) return { ok: false, report, reason: "The ledger's verification does not reach the deal's last event yet" };

  let checkpoint = log.checkpointCovering(last.position);
  let signedNewCheckpoint = false;
  if (!checkpoint) {
    const outcome = await signing.checkpoints.sign();
    if ('refused' in outcome) return { ok: false, report, reason: outcome.refused.message };
    checkpoint = 'signed' in outcome ? outcome.signed : outcome.unchanged!;
    signedNewCheckpoint = 'signed' in outcome;
  }
  const { treeSize } = checkpoint;
  const stamp = log.book.timestamp(treeSize);
  const files = buildEvidenceBundle({
    dealId: options.dealId,
    streamId,
    events,
    figureHistory: figureHistoryOfEvents(options.dealId, options.names ? options.names.resolve(events) : events),
    checkpoint: { treeSize, published: log.book.published(treeSize)! },
    proofs: events.map((event) => {
      const leafIndex = log.tree.leafIndexOf(event.position)!;
      return { leafIndex, auditPath: log.tree.inclusionProof(leafIndex, treeSize) };
    }),
    ...(stamp ? { timestampReply: stamp.reply } : {}),
    ...(options.names ? { personalData: options.names.disclose(commitmentsIn(events)) } : {}),
    signer: signing.signer,
  });
  return { ok: true, files, events: events.length, treeSize, signedNewCheckpoint, report };
}
