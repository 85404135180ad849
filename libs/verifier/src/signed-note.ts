import { sign, verify, type KeyObject } from 'node:crypto';
import { decodeBase64, decodeUtf8, encodeBase64 } from './encoding.js';
import { fail, FormatError } from './verdict.js';
import { ED25519_NOTE, isValidKeyName, verifierKeyFromPublicKey, type VerifierKey } from './verifier-key.js';

/**
 * C2SP signed notes (https://c2sp.org/signed-note): a text ending in a newline, a blank
 * line, then one or more lines `— <key name> <base64(key id || signature)>`.
 */

export interface NoteSignature {
  /** The key name on the line. */
  readonly name: string;
  /** The first 4 bytes of the decoded signature: the key id, as 8 hex digits. */
  readonly keyId: string;
  /** The bytes after the key id (for a cosignature: timestamp || signature). */
  readonly signature: Buffer;
}

export interface SignedNote {
  /** Every byte up to and including the newline before the blank line: what is signed. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/**
 * signed-note "Format": verifiers must accept at least 16 signatures and should cap them.
 * 100 is the cap of the Go reference implementation (golang.org/x/mod/sumdb/note).
 */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space
const KEY_ID_SIZE = 4;
const ED25519_SIGNATURE_SIZE = 64;

/** Reads a signed note, refusing anything the spec does not allow (it does not check signatures). */
export function parseSignedNote(note: string | Uint8Array): SignedNote {
  const bad = (reason: string): never => {
    throw new FormatError('signed-note', reason);
  };
  const content = decodeUtf8(note) ?? bad('not valid UTF-8');
  checkNoteCharacters(content, bad);
  if (!content.endsWith('\n')) bad('does not end with a newline');
  // "the text is separated from the signatures by the last empty line in the note"
  const split = content.lastIndexOf('\n\n');
  if (split < 0) bad('no blank line between the text and the signatures');
  const text = content.slice(0, split + 1);
  const lines = content.slice(split + 2, -1).split('\n');
  if (lines.length === 1 && lines[0] === '') bad('no signature lines');
  if (lines.length > MAX_NOTE_SIGNATURES) bad(`more than ${MAX_NOTE_SIGNATURES} signature lines`);
  return { text, signatures: lines.map((line, i) => parseLineOfNote(line, i + 1, bad)) };
}

/**
 * One signature line on its own (without its newline), as a witness sends a cosignature:
 * parsed exactly as a line of a note is.
 */
export function parseSignatureLine(line: string): NoteSignature {
  const bad = (reason: string): never => {
    throw new FormatError('signed-note', reason);
  };
  checkNoteCharacters(line, bad);
  if (line.includes('\n')) bad('a signature line holds no newline');
  return parseLineOfNote(line, 1, bad);
}

function parseLineOfNote(line: string, number: number, bad: (reason: string) => never): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) bad(`signature line ${number} does not start with an em dash and a space`);
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) bad(`signature line ${number} has no space between the key name and the signature`);
  const name = rest.slice(0, space);
  if (!isValidKeyName(name)) bad(`signature line ${number}: "${name}" is not a key name (non-empty, no spaces, no "+")`);
  const bytes = decodeBase64(rest.slice(space + 1)) ?? bad(`signature line ${number}: the signature is not canonical standard base64`);
  if (bytes.length <= KEY_ID_SIZE) bad(`signature line ${number}: a signature is a 4-byte key id and at least one byte more`);
  return { name, keyId: bytes.subarray(0, KEY_ID_SIZE).toString('hex'), signature: Buffer.from(bytes.subarray(KEY_ID_SIZE)) };
}

/** "Signed notes MUST be valid UTF-8 and MUST NOT contain any ASCII control characters … other than newline." */
function checkNoteCharacters(content: string, bad: (reason: string) => never): void {
  const control = /[\u0000-\u0009\u000b-\u001f]/.exec(content);
  if (control) bad(`control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')} at offset ${control.index}`);
}

/** The text that a note's signatures sign: ends in a newline, valid, with no control character but newlines. */
export function checkNoteText(text: string): void {
  const bad = (reason: string): never => {
    throw new FormatError('signed-note', `note text: ${reason}`);
  };
  if (decodeUtf8(text) === undefined) bad('not valid UTF-8');
  checkNoteCharacters(text, bad);
  if (!text.endsWith('\n')) bad('does not end with a newline');
}

/** `— <name> <base64(key id || signature)>` and its newline. */
export function formatSignatureLine(signature: NoteSignature): string {
  if (!isValidKeyName(signature.name)) throw new FormatError('signed-note', `"${signature.name}" is not a key name`);
  if (!/^[0-9a-f]{8}$/.test(signature.keyId)) throw new FormatError('signed-note', `"${signature.keyId}" is not a key id`);
  return `${SIGNATURE_PREFIX}${signature.name} ${encodeBase64(Buffer.concat([Buffer.from(signature.keyId, 'hex'), signature.signature]))}\n`;
}

export function formatSignedNote(note: SignedNote): string {
  checkNoteText(note.text);
  if (note.signatures.length === 0) throw new FormatError('signed-note', 'a signed note has at least one signature');
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

export interface NoteSigner {
  /** The key name: for the ledger, its checkpoint origin. */
  readonly name: string;
  /** An Ed25519 private key. */
  readonly privateKey: KeyObject;
}

/** The text signed by one Ed25519 key: the whole note, ready to publish. */
export function signedNote(text: string, signer: NoteSigner): string {
  return formatSignedNote({ text, signatures: [signNote(text, signer)] });
}

/** An Ed25519 note signature (type 0x01, signed-note "Ed25519 signatures") over the text. */
export function signNote(text: string, signer: NoteSigner): NoteSignature {
  checkNoteText(text);
  const { name, keyId } = verifierKeyFromPublicKey(signer.name, signer.privateKey, ED25519_NOTE);
  return { name, keyId, signature: sign(null, Buffer.from(text, 'utf8'), signer.privateKey) };
}

export type NoteVerification =
  | { ok: true; note: SignedNote; verifiedBy: VerifierKey[] }
  | { ok: false; reason: string };

/**
 * signed-note "Signatures": a line is by a known key when both its name and its key id
 * match one; other lines are ignored (witness cosignatures, rotated keys). Every line by a
 * known key must verify (a failure rejects the whole note), and at least one must.
 * Only Ed25519 note keys (0x01) are taken: cosignatures are checked by verifyCosignatures.
 */
export function verifyNote(note: SignedNote, trusted: readonly VerifierKey[]): NoteVerification {
  const wrongType = trusted.find((key) => key.type !== ED25519_NOTE);
  if (wrongType) throw new TypeError(`${wrongType.name}+${wrongType.keyId} is not an Ed25519 note key (type 0x01)`);
  const verifiedBy: VerifierKey[] = [];
  const text = Buffer.from(note.text, 'utf8');
  for (const line of note.signatures) {
    const key = trusted.find((k) => k.name === line.name && k.keyId === line.keyId);
    if (!key) continue;
    const valid = line.signature.length === ED25519_SIGNATURE_SIZE && verify(null, text, key.publicKey, line.signature);
    if (!valid) return fail(`the signature of ${key.name} (key ${key.keyId}) does not verify: the note was altered or not signed by that key`);
    if (!verifiedBy.includes(key)) verifiedBy.push(key);
  }
  if (verifiedBy.length === 0) {
    const known = trusted.map((k) => `${k.name} (key ${k.keyId})`).join(', ') || 'none given';
    return fail(`no signature by a trusted key: trusted ${known}; signed by ${note.signatures.map((s) => `${s.name} (key ${s.keyId})`).join(', ')}`);
  }
  return { ok: true, note, verifiedBy };
}

/** Parses and verifies: the answer for a note as received. */
export function openNote(note: string | Uint8Array, trusted: readonly VerifierKey[]): NoteVerification {
  let parsed: SignedNote;
  try {
    parsed = parseSignedNote(note);
  } catch (error) {
    if (error instanceof FormatError) return fail(error.message);
    throw error;
  }
  return verifyNote(parsed, trusted);
}
