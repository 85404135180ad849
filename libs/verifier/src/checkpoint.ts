import { decodeBase64, encodeBase64, isCount, parseDecimal } from './encoding.js';
import { emptyTreeRoot, HASH_SIZE, sameBytes } from './merkle.js';
import { formatSignatureLine, parseSignedNote, verifyNote, type NoteSignature, type SignedNote } from './signed-note.js';
import { fail, FormatError } from './verdict.js';
import type { VerifierKey } from './verifier-key.js';

/**
 * C2SP checkpoints (https://c2sp.org/tlog-checkpoint): the note text
 * `<origin>\n<tree size>\n<base64 root hash>\n` and optional extension lines.
 */
export interface Checkpoint {
  /** Names the log; for the ledger, the name of its signing key too. */
  readonly origin: string;
  readonly treeSize: number;
  /** The RFC 9162 root hash of the first treeSize leaves (32 bytes). */
  readonly rootHash: Buffer;
  /** "Extension lines": opaque, not recommended; the ledger writes none. */
  readonly extensions: readonly string[];
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash, extensions } = checkpoint;
  const bad = (reason: string): never => {
    throw new FormatError('checkpoint', reason);
  };
  if (origin.length === 0 || origin.includes('\n')) bad('the origin is one non-empty line');
  if (!isCount(treeSize)) bad(`tree size ${treeSize} is not an integer from 0 to 2^53 - 1`);
  if (rootHash.length !== HASH_SIZE) bad(`the root hash has ${rootHash.length} bytes, not ${HASH_SIZE}`);
  if (extensions.some((line) => line.length === 0 || line.includes('\n'))) bad('extension lines are non-empty single lines');
  return [origin, String(treeSize), encodeBase64(rootHash), ...extensions].map((line) => `${line}\n`).join('');
}

/** Reads a checkpoint's note text (not the signed note: see openCheckpoint). */
export function parseCheckpoint(text: string): Checkpoint {
  const bad = (reason: string): never => {
    throw new FormatError('checkpoint', reason);
  };
  if (!text.endsWith('\n')) bad('the note text does not end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) bad('a checkpoint has at least three lines: origin, tree size, root hash');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) bad('the origin line is empty');
  const treeSize = parseDecimal(size) ?? bad(`"${size}" is not a tree size (decimal, no leading zeros, below 2^53)`);
  const rootHash = decodeBase64(root) ?? bad('the root hash is not canonical standard base64');
  if (rootHash.length !== HASH_SIZE) bad(`the root hash has ${rootHash.length} bytes, not ${HASH_SIZE}`);
  // RFC 9162 §2.1.1 defines the root of the empty tree, so a size-0 checkpoint can carry no other.
  if (treeSize === 0 && !sameBytes(rootHash, emptyTreeRoot())) bad('a tree of size 0 has the root SHA-256("")');
  if (extensions.some((line) => line.length === 0)) bad('an extension line is empty');
  return { origin, treeSize, rootHash, extensions };
}

export type OpenedCheckpoint =
  | {
      ok: true;
      checkpoint: Checkpoint;
      note: SignedNote;
      /** The ledger's signature line in the note. */
      ledgerSignature: NoteSignature;
      /**
       * The note as the ledger signed it: its text, the blank line and the ledger's one
       * signature line, without cosignatures. An RFC 3161 timestamp's imprint is over this.
       */
      ledgerSignedNote: string;
    }
  | { ok: false; reason: string };

/**
 * Verifies a signed checkpoint with the ledger's key and reads it. Our rule on top of the
 * spec (which only says the key name SHOULD match the origin): the origin must be the key
 * name, so that a key cannot vouch for another log's checkpoint.
 */
export function openCheckpoint(signedNote: string | Uint8Array, ledgerKey: VerifierKey): OpenedCheckpoint {
  let note: SignedNote;
  let checkpoint: Checkpoint;
  try {
    note = parseSignedNote(signedNote);
    checkpoint = parseCheckpoint(note.text);
  } catch (error) {
    if (error instanceof FormatError) return fail(error.message);
    throw error;
  }
  const verified = verifyNote(note, [ledgerKey]);
  if (!verified.ok) return verified;
  if (checkpoint.origin !== ledgerKey.name) {
    return fail(`the checkpoint's origin "${checkpoint.origin}" is not the ledger key's name "${ledgerKey.name}"`);
  }
  const ledgerSignature = note.signatures.find((s) => s.name === ledgerKey.name && s.keyId === ledgerKey.keyId)!;
  return { ok: true, checkpoint, note, ledgerSignature, ledgerSignedNote: `${note.text}\n${formatSignatureLine(ledgerSignature)}` };
}
