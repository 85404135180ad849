import { sign, verify } from 'node:crypto';
import { isCount } from './encoding.js';
import { checkNoteText, formatSignatureLine, parseSignedNote, type NoteSigner, type SignedNote } from './signed-note.js';
import { fail, FormatError } from './verdict.js';
import { ED25519_COSIGNATURE, verifierKeyFromPublicKey, type VerifierKey } from './verifier-key.js';

/**
 * Witness cosignatures of C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), the
 * Ed25519 "cosignature/v1" kind only (signature type 0x04): a note signature line whose
 * bytes after the key id are `u64 big-endian timestamp || Ed25519 signature`, the
 * signature being over
 *
 *     cosignature/v1\n
 *     time <timestamp, decimal>\n
 *     <the checkpoint's note text>
 *
 * A cosignature says: at that time, this is the largest tree of the log the witness has
 * seen, and it is consistent with every earlier one it saw.
 */

/** "It MUST NOT exceed 2^63 - 1." */
export const MAX_COSIGNATURE_TIMESTAMP = 2n ** 63n - 1n;

const TIMESTAMP_SIZE = 8;
const ED25519_SIGNATURE_SIZE = 64;

/** The bytes a cosigner signs ("Ed25519 signed message"). */
export function cosignatureMessage(checkpointText: string, timestamp: number | bigint): Buffer {
  checkNoteText(checkpointText);
  const time = BigInt(timestamp);
  if (time < 0n || time > MAX_COSIGNATURE_TIMESTAMP) throw new RangeError(`timestamp ${time} is not from 0 to 2^63 - 1`);
  return Buffer.from(`cosignature/v1\ntime ${time}\n${checkpointText}`, 'utf8');
}

/**
 * A witness's cosignature of a checkpoint's note text at a POSIX time (seconds): the
 * signature line, newline included, to append to the signed checkpoint.
 */
export function cosign(checkpointText: string, timestampSeconds: number, witness: NoteSigner): string {
  if (!isCount(timestampSeconds)) throw new RangeError(`timestamp ${timestampSeconds} is not a whole number of seconds from 0 to 2^53 - 1`);
  const { name, keyId } = verifierKeyFromPublicKey(witness.name, witness.privateKey, ED25519_COSIGNATURE);
  const timestamp = Buffer.alloc(TIMESTAMP_SIZE);
  timestamp.writeBigUInt64BE(BigInt(timestampSeconds));
  const signature = sign(null, cosignatureMessage(checkpointText, timestampSeconds), witness.privateKey);
  return formatSignatureLine({ name, keyId, signature: Buffer.concat([timestamp, signature]) });
}

export interface Cosigner {
  readonly name: string;
  readonly keyId: string;
  /** POSIX seconds, as signed. */
  readonly timestamp: number;
}

export interface InvalidCosignature {
  readonly name: string;
  readonly keyId: string;
  readonly reason: string;
}

export interface CosignaturePolicy {
  /** How many distinct witnesses of the list must have cosigned (default 1). */
  quorum?: number;
  /** Refuse cosignatures dated more than this many seconds after `now`. */
  maxFutureSkewSeconds?: number;
  /** POSIX seconds (default: the clock). */
  now?: number;
}

export type CosignatureVerification =
  | { ok: true; cosigners: Cosigner[]; invalid: [] }
  | { ok: false; reason: string; cosigners: Cosigner[]; invalid: InvalidCosignature[] };

/**
 * Checks the cosignatures in a signed checkpoint against the witnesses' keys (type 0x04).
 * Lines of other keys are ignored, as signed-note requires (the log's own signature among
 * them: check it with openCheckpoint). A known witness's line that does not verify fails
 * the whole check (signed-note: a client SHOULD then reject the note), and is named.
 * The same witness cosigning twice counts once.
 */
export function verifyCosignatures(
  signedNote: SignedNote | string | Uint8Array,
  witnesses: readonly VerifierKey[],
  policy: CosignaturePolicy = {},
): CosignatureVerification {
  const quorum = policy.quorum ?? 1;
  if (!isCount(quorum)) throw new RangeError(`quorum ${quorum} is not a count`);
  const wrongType = witnesses.find((key) => key.type !== ED25519_COSIGNATURE);
  if (wrongType) throw new TypeError(`${wrongType.name}+${wrongType.keyId} is not a cosignature/v1 key (type 0x04)`);
  let note: SignedNote;
  try {
    note = typeof signedNote === 'string' || signedNote instanceof Uint8Array ? parseSignedNote(signedNote) : signedNote;
  } catch (error) {
    if (error instanceof FormatError) return { ...fail(error.message), cosigners: [], invalid: [] };
    throw error;
  }

  const cosigners: Cosigner[] = [];
  const invalid: InvalidCosignature[] = [];
  for (const line of note.signatures) {
    const witness = witnesses.find((key) => key.name === line.name && key.keyId === line.keyId);
    if (!witness) continue;
    const problem = cosignatureProblem(note.text, line.signature, witness, policy);
    if (typeof problem === 'string') invalid.push({ name: witness.name, keyId: witness.keyId, reason: problem });
    else if (!cosigners.some((c) => c.name === witness.name && c.keyId === witness.keyId)) {
      cosigners.push({ name: witness.name, keyId: witness.keyId, timestamp: problem.timestamp });
    }
  }

  if (invalid.length > 0) {
    return { ...fail(invalid.map((i) => `${i.name} (key ${i.keyId}): ${i.reason}`).join('; ')), cosigners, invalid };
  }
  if (cosigners.length < quorum) {
    return { ...fail(`${cosigners.length} of the ${witnesses.length} witnesses cosigned, ${quorum} required`), cosigners, invalid };
  }
  return { ok: true, cosigners, invalid: [] };
}

/** A reason, or the verified timestamp. */
function cosignatureProblem(text: string, bytes: Buffer, witness: VerifierKey, policy: CosignaturePolicy): string | { timestamp: number } {
  if (bytes.length !== TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE) {
    return `a cosignature/v1 signature has ${TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE} bytes after the key id, not ${bytes.length}`;
  }
  const time = bytes.readBigUInt64BE(0);
  if (time > MAX_COSIGNATURE_TIMESTAMP) return `timestamp ${time} exceeds 2^63 - 1`;
  if (!verify(null, cosignatureMessage(text, time), witness.publicKey, bytes.subarray(TIMESTAMP_SIZE))) {
    return 'the cosignature does not verify: the checkpoint or its time was altered, or another key signed';
  }
  // Checked after the signature, so that what is reported was signed. The spec lets a
  // verifier refuse future times; one past 2^53 s (285 million years) is refused always,
  // as it has no exact JS number.
  if (time > BigInt(Number.MAX_SAFE_INTEGER)) return `timestamp ${time} is in the far future`;
  const timestamp = Number(time);
  if (policy.maxFutureSkewSeconds !== undefined) {
    const now = policy.now ?? Math.floor(Date.now() / 1000);
    if (timestamp > now + policy.maxFutureSkewSeconds) return `timestamp ${timestamp} is more than ${policy.maxFutureSkewSeconds} s after now (${now})`;
  }
  return { timestamp };
}
