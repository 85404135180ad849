import { randomUUID } from 'node:crypto';
import {
  EVIDENCE_BUNDLE_FILES as FILES,
  formatEventLine,
  formatLedgerKeyFile,
  formatManifest,
  manifestEntryOf,
  proofFileName,
  type BundleEvent,
} from '../bundle-format.js';
import { formatCheckpoint } from '../checkpoint.js';
import { cosign } from '../cosignature.js';
import { eventHash, GENESIS_HASH } from '../event-hash.js';
import { leafHash } from '../merkle.js';
import { signedNote, type NoteSigner } from '../signed-note.js';
import { formatTlogProof } from '../tlog-proof.js';
import { formatVerifierKey, verifierKeyFromPublicKey } from '../verifier-key.js';
import { mth, path } from './reference-tree.js';

/**
 * Writes a valid evidence bundle in memory, exactly in the format of bundle-format.ts,
 * with the reference tree: the tests' source of bundles to verify and to tamper with.
 * The deal's events sit among other streams' events in the log, so leaf indices are
 * neither 0..n-1 nor contiguous, and the checkpoint is taken after a few more events.
 */
export interface TestBundleOptions {
  ledger: NoteSigner;
  dealId?: string;
  streamId?: string;
  /** How many events the deal has (default 3). */
  events?: number;
  /** Witnesses that cosign the checkpoint, and when. */
  witnesses?: { signer: NoteSigner; timestamp: number }[];
  /** checkpoint.tsr, when given: its content. */
  timestampReply?: (ledgerSignedCheckpoint: Buffer) => Buffer;
  /** Puts the deal's events into the log last revision first (a log no ledger writes). */
  reversedInLog?: boolean;
}

export interface TestBundle {
  files: Map<string, Buffer>;
  events: BundleEvent[];
  /** All leaf hashes of the log up to the checkpoint. */
  leaves: Buffer[];
  leafIndices: number[];
  /** The checkpoint note as the ledger signed it (no cosignatures). */
  ledgerSignedCheckpoint: string;
  dealId: string;
  streamId: string;
}

export function writeTestBundle(options: TestBundleOptions): TestBundle {
  const dealId = options.dealId ?? 'caremag-2025';
  const streamId = options.streamId ?? `deal-${dealId}`;
  const events = dealEvents(streamId, options.events ?? 3);
  // Log: two events of other streams before each of the deal's events, two more after the last.
  const leaves: Buffer[] = [];
  const leafIndices: number[] = [];
  const other = () => leaves.push(leafHash(Buffer.from(randomUUID())));
  for (const event of options.reversedInLog ? [...events].reverse() : events) {
    other();
    other();
    leafIndices[event.revision] = leaves.length;
    event.position = String(leaves.length + 1);
    leaves.push(leafHash(Buffer.from(event.hash, 'hex')));
  }
  other();
  other();

  const checkpointText = formatCheckpoint({ origin: options.ledger.name, treeSize: leaves.length, rootHash: mth(leaves), extensions: [] });
  const ledgerSignedCheckpoint = signedNote(checkpointText, options.ledger);
  const checkpoint = ledgerSignedCheckpoint + (options.witnesses ?? []).map((w) => cosign(checkpointText, w.timestamp, w.signer)).join('');

  const files = new Map<string, Buffer>([
    [FILES.events, Buffer.from(events.map(formatEventLine).join(''))],
    [FILES.figureHistories, Buffer.from(`deal_id,event_id,revision\n${events.map((e) => `${dealId},${e.eventId},${e.revision}`).join('\n')}\n`)],
    [FILES.checkpoint, Buffer.from(checkpoint)],
    [FILES.ledgerKey, Buffer.from(formatLedgerKeyFile(formatVerifierKey(verifierKeyFromPublicKey(options.ledger.name, options.ledger.privateKey))))],
    [FILES.instructions, Buffer.from('Check this bundle with the Deal Ledger verifier, or by hand: see its README.\n')],
  ]);
  if (options.timestampReply) files.set(FILES.timestamp, options.timestampReply(Buffer.from(ledgerSignedCheckpoint)));
  events.forEach((event, i) => {
    const proof = formatTlogProof({ index: leafIndices[i]!, auditPath: path(leafIndices[i]!, leaves), checkpoint });
    files.set(proofFileName(event.revision), Buffer.from(proof));
  });
  signManifest(files, options.ledger, { dealId, streamId, treeSize: leaves.length });
  return { files, events, leaves, leafIndices, ledgerSignedCheckpoint, dealId, streamId };
}

/** The tlog-proof of an event of the bundle at its leaf (or another index), ending with the given checkpoint. */
export function proofFileFor(bundle: TestBundle, revision: number, at: { index?: number; checkpoint: string }): string {
  const index = at.index ?? bundle.leafIndices[revision]!;
  return formatTlogProof({ index, auditPath: path(bundle.leafIndices[revision]!, bundle.leaves), checkpoint: at.checkpoint });
}

/** (Re)writes MANIFEST over every other file of the map, signed by `ledger`: how the tests forge a consistent bundle. */
export function signManifest(files: Map<string, Buffer>, ledger: NoteSigner, header: { dealId: string; streamId: string; treeSize: number }): void {
  const entries = [...files].filter(([name]) => name !== FILES.manifest).map(([name, content]) => manifestEntryOf(name, content));
  const text = formatManifest({ ...header, files: entries });
  files.set(FILES.manifest, Buffer.from(signedNote(text, ledger)));
}

/** A deal's events with their chain hashes (positions are set by the caller). */
export function dealEvents(streamId: string, count: number): BundleEvent[] {
  const events: BundleEvent[] = [];
  for (let revision = 0; revision < count; revision++) {
    const fields = {
      eventId: `0190f5d2-0000-7000-8000-${String(revision + 1).padStart(12, '0')}`,
      streamId,
      revision,
      type: revision === 0 ? 'DealRecorded.v1' : 'FigureReported.v1',
      data: { figure: 'amount', value: String(110_000_000 + revision), note: 'in €, "as reported"' },
      metadata: { actor: 'analyst-1', commandId: `c-${revision}`, correlationId: 'c-0', causationId: `c-${revision}` },
      recordedAt: `2025-03-17T09:00:0${revision % 10}.000Z`,
    };
    const previousHash = revision === 0 ? GENESIS_HASH : events[revision - 1]!.hash;
    events.push({ ...fields, position: '', hash: eventHash({ ...fields, previousHash }) });
  }
  return events;
}
