import { loadOrCreateSigningKey, nameOfKey } from '#application';
import { ED25519_COSIGNATURE, formatVerifierKey, isValidKeyName, verifierKeyFromPublicKey, type NoteSigner } from '#verifier';

export interface WitnessIdentity extends NoteSigner {
  /** The witness's C2SP verifier key (cosignature/v1, type 0x04): what auditors pass to `ledger verify --witness`. */
  readonly vkey: string;
  readonly created: boolean;
}

/**
 * The witness's Ed25519 key (created on first use, mode 0600) and its name. Unless one is
 * given, the name is derived from the key, so that it never changes under the same key:
 * the name is part of the verifier key auditors configure.
 */
export function witnessIdentity(keyFile: string, name?: string): WitnessIdentity {
  const key = loadOrCreateSigningKey(keyFile);
  const keyName = name ?? nameOfKey('witness.local', key.publicKey);
  if (!isValidKeyName(keyName)) throw new Error(`--name must be a key name (no spaces, no '+'), such as witness.example.org/w1, not ${keyName}`);
  const vkey = formatVerifierKey(verifierKeyFromPublicKey(keyName, key.publicKey, ED25519_COSIGNATURE));
  return { name: keyName, privateKey: key.privateKey, vkey, created: key.created };
}
