import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64, sha256 } from './encoding.js';
import { FormatError } from './verdict.js';

/**
 * Verifier keys ("vkeys") of C2SP signed-note (https://c2sp.org/signed-note, "Verifier
 * keys"): `<name>+<hex key id>+<base64(signature type || public key)>`.
 * Only the two Ed25519 types are supported, as the spec advises implementations to keep
 * to the types they need.
 */

/** signed-note "Signature types": Ed25519 over the note text. The ledger signs with it. */
export const ED25519_NOTE = 0x01;
/** tlog-cosignature: timestamped Ed25519 checkpoint cosignatures (cosignature/v1). Witnesses sign with it. */
export const ED25519_COSIGNATURE = 0x04;

export type SignatureType = typeof ED25519_NOTE | typeof ED25519_COSIGNATURE;

export interface VerifierKey {
  /** The key name, the same as in its signature lines (for the ledger: the checkpoint origin). */
  readonly name: string;
  /** The 4-byte key id as 8 lowercase hex digits. */
  readonly keyId: string;
  readonly type: SignatureType;
  /** The 32-byte Ed25519 public key as RFC 8032 encodes it. */
  readonly rawPublicKey: Buffer;
  readonly publicKey: KeyObject;
}

const ED25519_KEY_SIZE = 32;

/**
 * signed-note "Format": key names are non-empty, with no Unicode space and no plus (the
 * vkey's separator). Unicode's White_Space property is the set of spaces meant.
 */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{White_Space}+]/u.test(name);
}

/** signed-note: SHA-256(key name || 0x0A || signature type || public key)[:4], as 8 hex digits. */
export function keyIdOf(name: string, type: number, rawPublicKey: Uint8Array): string {
  return sha256(name, '\n', Uint8Array.of(type), rawPublicKey).subarray(0, 4).toString('hex');
}

/** Reads a vkey, checking that its key id is the one its name, type and key give. */
export function parseVerifierKey(text: string): VerifierKey {
  const bad = (reason: string): never => {
    throw new FormatError('vkey', reason);
  };
  // Split at the first two pluses only: a name has none, a key id neither, but base64 may.
  const parts = text.split('+');
  if (parts.length < 3) bad('a verifier key is <name>+<key id>+<key>, three parts separated by "+"');
  const [name, keyId] = parts as [string, string];
  const encoded = parts.slice(2).join('+');
  if (!isValidKeyName(name)) bad(`"${name}" is not a key name (non-empty, no spaces, no "+")`);
  if (!/^[0-9a-f]{8}$/.test(keyId)) bad(`"${keyId}" is not a key id (8 lowercase hex digits)`);
  const key = decodeBase64(encoded) ?? bad('the key is not canonical standard base64');
  const type = key[0];
  if (type !== ED25519_NOTE && type !== ED25519_COSIGNATURE) {
    return bad(`signature type ${type === undefined ? 'missing' : `0x${type.toString(16).padStart(2, '0')}`} is not supported (only Ed25519: 0x01, 0x04)`);
  }
  const rawPublicKey = key.subarray(1);
  if (rawPublicKey.length !== ED25519_KEY_SIZE) bad(`an Ed25519 public key has ${ED25519_KEY_SIZE} bytes, not ${rawPublicKey.length}`);
  const expected = keyIdOf(name, type, rawPublicKey);
  if (keyId !== expected) bad(`the key id is ${keyId}, but the name, type and key give ${expected}`);
  let publicKey: KeyObject;
  try {
    publicKey = ed25519PublicKey(rawPublicKey);
  } catch (error) {
    return bad(`not an Ed25519 public key: ${(error as Error).message}`);
  }
  return { name, keyId, type, rawPublicKey: Buffer.from(rawPublicKey), publicKey };
}

export function formatVerifierKey(key: VerifierKey): string {
  return `${key.name}+${key.keyId}+${encodeBase64(Buffer.concat([Uint8Array.of(key.type), key.rawPublicKey]))}`;
}

/**
 * The vkey of an Ed25519 key (public, or private: its public half is taken) under a name,
 * for note signatures (0x01, the ledger) or cosignatures (0x04, a witness).
 */
export function verifierKeyFromPublicKey(name: string, key: KeyObject, type: SignatureType = ED25519_NOTE): VerifierKey {
  if (!isValidKeyName(name)) throw new FormatError('vkey', `"${name}" is not a key name (non-empty, no spaces, no "+")`);
  if (type !== ED25519_NOTE && type !== ED25519_COSIGNATURE) throw new TypeError(`signature type ${String(type)} is not an Ed25519 type`);
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`an ${publicKey.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  const rawPublicKey = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { name, keyId: keyIdOf(name, type, rawPublicKey), type, rawPublicKey, publicKey };
}

/** A KeyObject for a raw 32-byte Ed25519 public key (RFC 8032 encoding). */
export function ed25519PublicKey(rawPublicKey: Uint8Array): KeyObject {
  if (rawPublicKey.length !== ED25519_KEY_SIZE) throw new TypeError(`an Ed25519 public key has ${ED25519_KEY_SIZE} bytes`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(rawPublicKey).toString('base64url') }, format: 'jwk' });
}
