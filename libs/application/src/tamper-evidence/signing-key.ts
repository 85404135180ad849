import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync as exists, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApplicationError } from '../application.errors.js';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what to hand to whoever must check checkpoints and bundles. */
  publicKeyPem: string;
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
  const privateKey = readEd25519Key(file, createPrivateKey);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    file,
    publicKeyFile: publicKeyFileOf(file),
    created: false,
  };
}

/** An Ed25519 public key from a PEM file (a private key file gives its public part). */
export function readPublicKeyFile(file: string): KeyObject {
  return readEd25519Key(file, createPublicKey);
}

/** A key file read as `read` takes it (private, or public), refused unless it is Ed25519. */
function readEd25519Key(file: string, read: (pem: Buffer) => KeyObject): KeyObject {
  let key: KeyObject;
  try {
    key = read(readFileSync(file));
  } catch (error) {
    throw badKey(file, (error as Error).message);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw badKey(file, `an ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/**
 * The ledger's public key as this machine knows it: the signing key's public part, else the
 * public key file beside it. Someone who can write the data directory can replace both:
 * an auditor passes the key they obtained apart from the ledger instead.
 */
export function localPublicKey(signingKeyFile: string): { key: KeyObject; source: string } | undefined {
  const signing = readSigningKey(signingKeyFile);
  if (signing) return { key: signing.publicKey, source: signingKeyFile };
  const beside = publicKeyFileOf(signingKeyFile);
  return exists(beside) ? { key: readPublicKeyFile(beside), source: beside } : undefined;
}

function badKey(file: string, why: string): ApplicationError {
  return new ApplicationError('KEY.INVALID', `${file} is not a usable Ed25519 key: ${why}`, 'invalid', { file });
}
