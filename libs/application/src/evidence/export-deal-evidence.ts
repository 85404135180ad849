import { assertValidId, dealStreamName } from '#domain';
import type { EventStore, VerificationProgress } from '#event-store';
import { dealNotFound } from '../queries/get-deal.query.js';
import type { TamperEvidenceSettings } from '../tamper-evidence/tamper-evidence-settings.js';
import type { TransparencyLog } from '../tamper-evidence/transparency-log.js';
import type { LedgerVerification } from '../tamper-evidence/verify-ledger.js';
import type { PersonalDataResolver } from '../records/personal-data/personal-data-resolver.js';
import { figureHistoryOfEvents } from './figure-history-of-events.js';
import { bundleOfStream, provableCheckpoint, type EvidenceSigningParts } from './provable-checkpoint.js';

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
  signing: EvidenceSigningParts,
  settings: TamperEvidenceSettings,
  options: ExportDealEvidenceOptions,
): Promise<ExportedEvidence> {
  assertValidId(options.dealId, 'dealId');
  const streamId = dealStreamName(options.dealId);
  const events = await store.readStream(streamId);
  const last = events.at(-1);
  if (!last) throw dealNotFound(options.dealId);

  const proved = await provableCheckpoint(store, log, signing, settings, last.position, options);
  if (!proved.ok) return proved;
  const { checkpoint, signedNewCheckpoint, report } = proved;
  const { treeSize } = checkpoint;
  const files = bundleOfStream(log, signing.signer, checkpoint, {
    subjectId: options.dealId,
    streamId,
    events,
    figureHistory: figureHistoryOfEvents(options.dealId, options.names ? options.names.resolve(events) : events),
    names: options.names,
  });
  return { ok: true, files, events: events.length, treeSize, signedNewCheckpoint, report };
}
