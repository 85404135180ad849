import { assertValidId, dealStreamName } from '#domain';
import {
  parseCheckpoint,
  readStoredCheckpoints,
  streamHeadsAt,
  verifyChains,
  type CheckpointWithHeads,
  type EventStore,
  type HeadEntry,
  type VerificationProgress,
  type VerificationReport,
} from '#event-store';
import { dealNotFound } from '../queries/get-deal.query.js';
import { readCheckpointDir } from '../tamper-evidence/checkpoint-files.js';
import { signLedgerCheckpoint } from '../tamper-evidence/sign-ledger-checkpoint.js';
import { loadOrCreateSigningKey } from '../tamper-evidence/signing-key.js';
import type { TamperEvidenceSettings } from '../tamper-evidence/tamper-evidence-settings.js';
import { buildEvidenceBundle } from './evidence-bundle.js';
import { figureHistoryOfEvents } from './figure-history-of-events.js';

export interface ExportDealEvidenceOptions {
  dealId: string;
  actor: string;
  now: () => Date;
  onProgress?: (progress: VerificationProgress) => void;
}

export type ExportedEvidence =
  | {
      ok: true;
      files: Map<string, Buffer>;
      events: number;
      checkpoint: CheckpointWithHeads;
      /** True when no checkpoint covered the deal's last event and one was signed for the export. */
      signedNewCheckpoint: boolean;
      report: VerificationReport;
    }
  | { ok: false; report: VerificationReport };

/**
 * `ledger export --deal`: evidence is only worth something from a ledger that verifies, so
 * the whole store is verified first (and nothing is exported if it fails). The bundle
 * carries the latest checkpoint at or after the deal's last event; when there is none yet,
 * one is signed (and kept, like any checkpoint).
 */
export async function exportDealEvidence(
  store: EventStore,
  settings: TamperEvidenceSettings,
  options: ExportDealEvidenceOptions,
): Promise<ExportedEvidence> {
  assertValidId(options.dealId, 'dealId');
  const streamId = dealStreamName(options.dealId);
  const events = await store.readStream(streamId);
  const last = events.at(-1);
  if (!last) throw dealNotFound(options.dealId);

  const key = loadOrCreateSigningKey(settings.signingKeyFile);
  const candidates = [...(await readStoredCheckpoints(store)), ...readCheckpointDir(settings.checkpointDir)];
  const covering = (position: unknown) => typeof position === 'number' && position >= last.position;

  let checkpoint: CheckpointWithHeads;
  let report: VerificationReport;
  let signedNewCheckpoint = false;
  if (candidates.some((c) => covering((c.checkpoint as { position?: unknown } | null)?.position))) {
    report = await verifyChains(store, {
      checkpoints: candidates,
      trustedKey: key.publicKey,
      globalTimeOrder: settings.globalTimeOrder ?? true,
      ...progress(options),
    });
    if (!report.ok) return { ok: false, report };
    const latest = report.checkpoints.filter((c) => covering(c.position)).at(-1)!;
    checkpoint = await withHeads(store, candidates, latest.position, settings.globalTimeOrder ?? true);
  } else {
    const signed = await signLedgerCheckpoint(store, settings, { actor: options.actor, now: options.now, ...progress(options) });
    if (!signed.ok) return { ok: false, report: signed.report };
    ({ checkpoint, report } = signed);
    signedNewCheckpoint = true;
  }

  const files = buildEvidenceBundle({
    dealId: options.dealId,
    streamId,
    events,
    figureHistory: figureHistoryOfEvents(options.dealId, events),
    checkpoint,
    privateKey: key.privateKey,
    publicKey: key.publicKey,
    exportedAt: options.now().toISOString(),
  });
  return { ok: true, files, events: events.length, checkpoint, signedNewCheckpoint, report };
}

/** The verified checkpoint at `position` with its list of heads: from its file, or recomputed from the log. */
async function withHeads(
  store: EventStore,
  candidates: { checkpoint: unknown }[],
  position: number,
  globalTimeOrder: boolean,
): Promise<CheckpointWithHeads> {
  const parsed = candidates
    .map((c) => parseCheckpoint(c.checkpoint))
    .flatMap((p) => ('checkpoint' in p && p.checkpoint.position === position ? [p.checkpoint] : []));
  const listed = parsed.find((c) => c.heads !== undefined);
  if (listed) return { ...listed, heads: listed.heads! };
  const { heads } = await streamHeadsAt(store, position, { globalTimeOrder });
  const entries: HeadEntry[] = heads.map((h) => [h.streamId, h.revision, h.hash]);
  return { ...parsed[0]!, heads: entries };
}

function progress(options: ExportDealEvidenceOptions) {
  return options.onProgress ? { onProgress: options.onProgress } : {};
}

