import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { InvalidArgumentError } from '../event-store.errors.js';
import type { ChainProblem } from './chain-problem.js';
import type { StreamHead } from './chain-verifier.js';
import { headsRoot, type HeadEntry } from './heads-tree.js';

export type { HeadEntry } from './heads-tree.js';

/** Where the store keeps its own checkpoints, so each is chained like any event and has a position. */
export const CHECKPOINT_STREAM = 'ledger-checkpoints';
export const CHECKPOINT_EVENT_TYPE = 'LedgerCheckpointSigned.v1';
export const CHECKPOINT_FORMAT = 'deal-ledger.checkpoint.v1';

/**
 * A signed statement: "at `position` the log held `eventCount` events in `streamCount`
 * streams, whose heads make the Merkle tree with root `headsRoot`" (heads-tree.ts).
 * Truncating the log, or rewriting any stream before `position` (even with recomputed
 * hashes), changes the heads and so the root, and only the holder of the private key can
 * sign a new one.
 */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  position: number;
  eventCount: number;
  streamCount: number;
  /** Merkle root (hex) of the stream heads, sorted by stream id. */
  headsRoot: string;
  signedAt: string;
  /** SHA-256 (hex) of the public key (SPKI, DER) that checks the signature. */
  keyId: string;
  /** Ed25519, base64, over the canonical JSON of every other field. */
  signature: string;
}

/** A checkpoint with the heads it signs: what is written to files and evidence bundles. */
export interface CheckpointWithHeads extends Checkpoint {
  heads: HeadEntry[];
}

export function headEntries(heads: readonly StreamHead[]): HeadEntry[] {
  return heads.map((h) => [h.streamId, h.revision, h.hash]);
}

export function publicKeyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function signCheckpoint(
  privateKey: KeyObject,
  at: { position: number; eventCount: number; heads: readonly StreamHead[]; signedAt: string },
): CheckpointWithHeads {
  assertEd25519(privateKey);
  const heads = headEntries(at.heads);
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    position: at.position,
    eventCount: at.eventCount,
    streamCount: heads.length,
    headsRoot: headsRoot(heads),
    signedAt: at.signedAt,
    keyId: publicKeyId(privateKey),
  } as const;
  const signature = sign(null, Buffer.from(canonicalJson(unsigned)), privateKey).toString('base64');
  return { ...unsigned, signature, heads };
}

/** The checkpoint part of a checkpoint with heads (what the store's checkpoint event holds). */
export function withoutHeads({ heads: _heads, ...checkpoint }: CheckpointWithHeads): Checkpoint {
  return checkpoint;
}

/** Checks a checkpoint's signature (and its heads list, if it has one) against the trusted key. */
export function checkpointSignatureProblem(
  checkpoint: Checkpoint & { heads?: HeadEntry[] },
  trustedKey: KeyObject | undefined,
  source: string,
): ChainProblem | undefined {
  const about = { checkpoint: { position: checkpoint.position, source } };
  if (!trustedKey) {
    return {
      code: 'CHECKPOINT.NO_TRUSTED_KEY',
      message: `Checkpoint at position ${checkpoint.position} (${source}) cannot be checked: no public key is trusted (give one)`,
      ...about,
    };
  }
  const trustedId = publicKeyId(trustedKey);
  if (checkpoint.keyId !== trustedId) {
    return {
      code: 'CHECKPOINT.UNTRUSTED_KEY',
      message: `Checkpoint at position ${checkpoint.position} (${source}) is signed by key ${checkpoint.keyId}, not by the trusted key ${trustedId}`,
      ...about,
    };
  }
  const { signature, heads: _heads, ...unsigned } = checkpoint;
  if (!signatureHolds(canonicalJson(unsigned), signature, trustedKey)) {
    return {
      code: 'CHECKPOINT.SIGNATURE_INVALID',
      message: `Checkpoint at position ${checkpoint.position} (${source}): the signature does not match its content`,
      ...about,
    };
  }
  if (checkpoint.heads) {
    const root = headsRoot(checkpoint.heads);
    if (root !== checkpoint.headsRoot || checkpoint.heads.length !== checkpoint.streamCount) {
      return {
        code: 'CHECKPOINT.HEADS_LIST_MISMATCH',
        message: `Checkpoint at position ${checkpoint.position} (${source}): its list of heads is not the one signed`,
        ...about,
        expectedHash: checkpoint.headsRoot,
        foundHash: root,
      };
    }
  }
  return undefined;
}

/**
 * Compares the heads recomputed from the log at the checkpoint's position with the signed
 * ones. With the checkpoint's list of heads the first stream that differs is named.
 */
export function headsProblem(
  checkpoint: Checkpoint & { heads?: HeadEntry[] },
  source: string,
  found: { heads: readonly StreamHead[]; eventCount: number },
): ChainProblem | undefined {
  const foundEntries = headEntries(found.heads);
  const foundRoot = headsRoot(foundEntries);
  if (foundRoot === checkpoint.headsRoot && found.eventCount === checkpoint.eventCount) return undefined;
  const about = { checkpoint: { position: checkpoint.position, source } };
  const counts = `signed ${checkpoint.eventCount} events in ${checkpoint.streamCount} streams, found ${found.eventCount} in ${foundEntries.length}`;
  const differing = checkpoint.heads && firstDifference(checkpoint.heads, foundEntries);
  if (differing) {
    const [streamId, signed, now] = differing;
    return {
      code: 'CHECKPOINT.HEADS_MISMATCH',
      message:
        `History before the checkpoint at position ${checkpoint.position} (${source}) was rewritten: ` +
        `${streamId} was signed at ${signed ? `revision ${signed[1]}` : 'nothing'}, is now at ${now ? `revision ${now[1]}` : 'nothing'} (${counts})`,
      ...about,
      streamId,
      ...(signed ? { expectedRevision: signed[1], expectedHash: signed[2] } : {}),
      ...(now ? { revision: now[1], foundHash: now[2] } : {}),
    };
  }
  return {
    code: 'CHECKPOINT.HEADS_MISMATCH',
    message: `History before the checkpoint at position ${checkpoint.position} (${source}) was rewritten (${counts})`,
    ...about,
    expectedHash: checkpoint.headsRoot,
    foundHash: foundRoot,
  };
}

function firstDifference(signed: readonly HeadEntry[], found: readonly HeadEntry[]): [string, HeadEntry?, HeadEntry?] | undefined {
  const byStream = new Map(found.map((entry) => [entry[0], entry]));
  for (const entry of signed) {
    const now = byStream.get(entry[0]);
    if (!now || now[1] !== entry[1] || now[2] !== entry[2]) return [entry[0], entry, now];
    byStream.delete(entry[0]);
  }
  const [extra] = byStream.values();
  return extra ? [extra[0], undefined, extra] : undefined;
}

function signatureHolds(statement: string, signature: string, key: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(statement), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new InvalidArgumentError('key', `checkpoints are signed with Ed25519 keys, not ${key.asymmetricKeyType ?? key.type}`);
  }
}
