import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync as exists, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { publicKeyId } from '#event-store';
import { ApplicationError } from '../application.errors.js';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what to hand to whoever must check checkpoints and bundles. */
  publicKeyPem: string;
  keyId: string;
  file: string;
  publicKeyFile: string;
  /** True when this call generated the key. */
  created: boolean;
}

/** `checkpoint-signing-key.pem` → `checkpoint-signing-key.pub.pem`, beside it. */
export function publicKeyFileOf(keyFile: string): string {
  return keyFile.endsWith('.pem') ? `${keyFile.slice(0, -'.pem'.length)}.pub.pem` : `${keyFile}.pub.pem`;
}

/**
 * The signing key, generated on first use: written with mode 0600 and exclusively (`wx`),
 * so two processes starting at once end up with the same key. Its public part is written
 * beside it on every call, so a deleted public file comes back.
 */
export function loadOrCreateSigningKey(file: string): SigningKey {
  let created = false;
  if (!exists(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = readSigningKey(file)!;
  writeFileSync(key.publicKeyFile, key.publicKeyPem, { mode: 0o644 });
  return { ...key, created };
}

/** The signing key if it exists; never creates one. */
export function readSigningKey(file: string): SigningKey | undefined {
  if (!exists(file)) return undefined;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw badKey(file, (error as Error).message);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw badKey(file, `an ${privateKey.asymmetricKeyType} key, not Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: publicKeyId(publicKey),
    file,
    publicKeyFile: publicKeyFileOf(file),
    created: false,
  };
}

/** An Ed25519 public key from a PEM file (a private key file gives its public part). */
export function readPublicKeyFile(file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(readFileSync(file));
  } catch (error) {
    throw badKey(file, (error as Error).message);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw badKey(file, `an ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

export interface TrustedKey {
  key: KeyObject;
  keyId: string;
  /** Which file it came from. */
  source: string;
}

/**
 * The key checkpoints must be signed with: the one given (kept out of band, which is the
 * only defence against someone who replaced the key files too), else the signing key's
 * public part, else the public key file beside it.
 */
export function trustedPublicKey(signingKeyFile: string, publicKeyFile?: string): TrustedKey | undefined {
  const fromFile = (file: string) => {
    const key = readPublicKeyFile(file);
    return { key, keyId: publicKeyId(key), source: file };
  };
  if (publicKeyFile) return fromFile(publicKeyFile);
  const signing = readSigningKey(signingKeyFile);
  if (signing) return { key: signing.publicKey, keyId: signing.keyId, source: signingKeyFile };
  const beside = publicKeyFileOf(signingKeyFile);
  return exists(beside) ? fromFile(beside) : undefined;
}

function badKey(file: string, why: string): ApplicationError {
  return new ApplicationError('KEY.INVALID', `${file} is not a usable Ed25519 key: ${why}`, 'invalid', { file });
}
