import { createHash, type KeyObject } from 'node:crypto';
import {
  canonicalJson,
  EVENT_HASH_ALGORITHM,
  GENESIS_HASH,
  headInclusionProof,
  publicKeyId,
  withoutHeads,
  type CheckpointWithHeads,
  type RecordedEvent,
} from '#event-store';
import type { FigureHistoryEntry } from '#projections';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  HOW_TO_VERIFY,
  MANIFEST_FILE,
  renderJsonFile,
  signManifest,
  type ChainFile,
  type ManifestFile,
} from './bundle-format.js';
import { figureHistoryCsv } from './figure-history-csv.js';

export interface EvidenceBundleInput {
  dealId: string;
  streamId: string;
  /** The deal's whole stream, in revision order. */
  events: readonly RecordedEvent[];
  figureHistory: readonly FigureHistoryEntry[];
  /** A checkpoint at or after the deal's last event, with the heads it signs (only the deal's goes into the bundle). */
  checkpoint: CheckpointWithHeads;
  privateKey: KeyObject;
  publicKey: KeyObject;
  exportedAt: string;
}

/** The files of an evidence bundle, by name: a pure function of its input. */
export function buildEvidenceBundle(input: EvidenceBundleInput): Map<string, Buffer> {
  const { events, checkpoint } = input;
  const last = events.at(-1);
  if (!last) throw new Error('A bundle needs at least one event');
  if (checkpoint.position < last.position) throw new Error('The checkpoint does not cover the last event');
  // Only the deal's own head and its audit path: the other heads would name every other deal.
  const proof = headInclusionProof(checkpoint.heads, input.streamId);
  if (!proof || proof.head[1] !== last.revision || proof.head[2] !== last.hash) {
    throw new Error(`The checkpoint does not have ${input.streamId} at its last event`);
  }

  const files = new Map<string, Buffer>([
    [BUNDLE_FILES.events, Buffer.from(eventsJsonl(events))],
    [BUNDLE_FILES.figureHistories, Buffer.from(figureHistoryCsv(input.figureHistory))],
    [BUNDLE_FILES.chain, Buffer.from(renderJsonFile(chainOf(input.streamId, events)))],
    [BUNDLE_FILES.checkpoint, Buffer.from(renderJsonFile(withoutHeads(checkpoint)))],
    [BUNDLE_FILES.headProof, Buffer.from(renderJsonFile(proof))],
    [BUNDLE_FILES.publicKey, Buffer.from(input.publicKey.export({ type: 'spki', format: 'pem' }).toString())],
    [BUNDLE_FILES.howToVerify, Buffer.from(HOW_TO_VERIFY)],
  ]);
  const listed: ManifestFile[] = [...files].map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256(bytes) }));
  const manifest = signManifest(
    {
      format: BUNDLE_FORMAT,
      dealId: input.dealId,
      streamId: input.streamId,
      exportedAt: input.exportedAt,
      hashAlgorithm: EVENT_HASH_ALGORITHM,
      eventCount: events.length,
      lastPosition: last.position,
      lastHash: last.hash,
      checkpointPosition: checkpoint.position,
      keyId: publicKeyId(input.publicKey),
      files: listed,
    },
    input.privateKey,
  );
  files.set(MANIFEST_FILE, Buffer.from(renderJsonFile(manifest)));
  return files;
}

/** One event per line, as canonical JSON (one rendering only), with its position and hash. */
export function eventsJsonl(events: readonly RecordedEvent[]): string {
  return events.map((event) => `${canonicalJson(event)}\n`).join('');
}

export function chainOf(streamId: string, events: readonly RecordedEvent[]): ChainFile {
  return {
    streamId,
    algorithm: EVENT_HASH_ALGORITHM,
    genesisHash: GENESIS_HASH,
    links: events.map((event, i) => ({
      revision: event.revision,
      position: event.position,
      eventId: event.eventId,
      recordedAt: event.recordedAt,
      previousHash: i === 0 ? GENESIS_HASH : events[i - 1]!.hash,
      hash: event.hash,
    })),
  };
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
