import { createHash, type KeyObject } from 'node:crypto';
import { ED25519_NOTE, formatVerifierKey, verifierKeyFromPublicKey, type VerifierKey } from '#verifier';

/** What signs the ledger's checkpoints: its Ed25519 key under the name that is also the log's origin. */
export interface LedgerSigner {
  /** The checkpoints' origin line and the key's name in every signature line. */
  readonly origin: string;
  readonly privateKey: KeyObject;
  /** The C2SP verifier key an auditor or witness trusts checkpoints with. */
  readonly verifierKey: VerifierKey;
  /** It as text: `<origin>+<key id>+<base64>`. */
  readonly vkey: string;
}

/**
 * A log's origin must be unique (C2SP tlog-checkpoint). Unless one is configured, it is
 * derived from the public key: a ledger whose key was replaced then announces itself as
 * another log, which every witness of the first one refuses.
 */
function defaultOrigin(publicKey: KeyObject): string {
  return nameOfKey('deal-ledger.local', publicKey);
}

/**
 * `<prefix>/<16 hex digits of SHA-256 of the raw public key>`: a key name that stays the same
 * as long as the key does (the name is part of the verifier key others configure).
 */
export function nameOfKey(prefix: string, publicKey: KeyObject): string {
  const raw = verifierKeyFromPublicKey(prefix, publicKey).rawPublicKey;
  return `${prefix}/${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
}

export function ledgerSigner(key: { privateKey: KeyObject; publicKey: KeyObject }, origin?: string): LedgerSigner {
  const verifierKey = ledgerVerifierKey(key.publicKey, origin);
  return { origin: verifierKey.name, privateKey: key.privateKey, verifierKey, vkey: formatVerifierKey(verifierKey) };
}

/** The verifier key of a ledger public key, under the origin it signs as. */
export function ledgerVerifierKey(publicKey: KeyObject, origin?: string): VerifierKey {
  return verifierKeyFromPublicKey(origin ?? defaultOrigin(publicKey), publicKey, ED25519_NOTE);
}
