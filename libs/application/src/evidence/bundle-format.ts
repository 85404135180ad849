import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '#event-store';

export const BUNDLE_FORMAT = 'deal-ledger.evidence-bundle.v1';
export const MANIFEST_FILE = 'manifest.json';

/** Every file of a bundle besides the manifest, which lists them with their SHA-256. */
export const BUNDLE_FILES = {
  events: 'events.jsonl',
  figureHistories: 'figure-histories.csv',
  chain: 'chain.json',
  checkpoint: 'checkpoint.json',
  headProof: 'head-proof.json',
  publicKey: 'public-key.pem',
  howToVerify: 'VERIFY.txt',
} as const;

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  dealId: string;
  streamId: string;
  exportedAt: string;
  hashAlgorithm: string;
  eventCount: number;
  lastPosition: number;
  lastHash: string;
  checkpointPosition: number;
  keyId: string;
  files: ManifestFile[];
  /** Ed25519, base64, over the canonical JSON of every other field, by the checkpoint key. */
  signature: string;
}

/** The chain of the deal's stream, link by link: what events.jsonl must reproduce. */
export interface ChainFile {
  streamId: string;
  algorithm: string;
  genesisHash: string;
  links: { revision: number; position: number; eventId: string; recordedAt: string; previousHash: string; hash: string }[];
}

/**
 * Pretty JSON with keys sorted at every depth: readable, and one rendering only, so a
 * reader can check a file is byte for byte what the ledger would write.
 */
export function renderJsonFile(value: unknown): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(value)), null, 2)}\n`;
}

export function signManifest(unsigned: Omit<BundleManifest, 'signature'>, privateKey: KeyObject): BundleManifest {
  return { ...unsigned, signature: sign(null, Buffer.from(canonicalJson(unsigned)), privateKey).toString('base64') };
}

export function manifestSignatureHolds(manifest: BundleManifest, publicKey: KeyObject): boolean {
  const { signature, ...unsigned } = manifest;
  try {
    return verify(null, Buffer.from(canonicalJson(unsigned)), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export const HOW_TO_VERIFY = `This is an evidence bundle of Deal Ledger: one deal's events, the history of its figures,
the hash chain of its stream, and a signed checkpoint of the whole ledger that covers them.

Check it without the ledger's store:

    ledger verify-bundle <this directory> --public-key <the ledger's public key, obtained separately>

Or by hand:
1. manifest.json lists every file with its SHA-256; its signature (Ed25519, base64) is over the
   canonical JSON (RFC 8785: keys sorted, no white space) of the manifest without "signature",
   checked with public-key.pem. Compare that key with one you obtained from the ledger's
   operator by another channel: anyone can sign a bundle with a key of their own.
2. Each line of events.jsonl is one event. Its "hash" is SHA-256 (hex) over the canonical JSON
   of {previousHash, streamId, revision, eventId, type, data, metadata, recordedAt}, where
   previousHash is the hash of the event before it in the stream (64 zeros for revision 0).
3. checkpoint.json is signed (Ed25519 over the canonical JSON of every field except "signature")
   with the same key. Its headsRoot is the Merkle root (RFC 9162, SHA-256) of every stream head
   of the ledger at its position, each leaf the canonical JSON of [streamId, revision, hash],
   sorted by stream id. head-proof.json proves that the deal's last event is its stream's head
   there: the audit path from that leaf to headsRoot, in a tree of streamCount leaves.
`;
