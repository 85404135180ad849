import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey, localPublicKey, publicKeyFileOf, readSigningKey } from './signing-key.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the checkpoint signing key', () => {
  it('is created on first use, readable by its owner only, with its public part beside it', () => {
    const file = join(dir, 'nested', 'checkpoint-signing-key.pem');
    const first = loadOrCreateSigningKey(file);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.publicKeyFile).toBe(join(dir, 'nested', 'checkpoint-signing-key.pub.pem'));
    expect(readFileSync(first.publicKeyFile, 'utf8')).toBe(first.publicKeyPem);
    expect(first.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519');

    const again = loadOrCreateSigningKey(file);
    expect(again.created).toBe(false);
    expect(again.publicKeyPem).toBe(first.publicKeyPem);
  });

  it('puts back a deleted public key file', () => {
    const file = join(dir, 'key.pem');
    const key = loadOrCreateSigningKey(file);
    unlinkSync(key.publicKeyFile);
    expect(readFileSync(loadOrCreateSigningKey(file).publicKeyFile, 'utf8')).toBe(key.publicKeyPem);
  });

  it('refuses a key file that is not an Ed25519 private key', () => {
    const file = join(dir, 'key.pem');
    writeFileSync(file, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => readSigningKey(file)).toThrow(expect.objectContaining({ code: 'KEY.INVALID' }));
    writeFileSync(file, 'not a key');
    expect(() => loadOrCreateSigningKey(file)).toThrow(expect.objectContaining({ code: 'KEY.INVALID' }));
  });

  it('is known locally by its private file, else by its public file beside it, else not at all', () => {
    const file = join(dir, 'key.pem');
    expect(localPublicKey(file)).toBeUndefined();
    const key = loadOrCreateSigningKey(file);
    const pem = (k: { key: { export(o: object): unknown } } | undefined) => String(k?.key.export({ type: 'spki', format: 'pem' }));
    expect(localPublicKey(file)).toMatchObject({ source: file });
    expect(pem(localPublicKey(file))).toBe(key.publicKeyPem);
    unlinkSync(file);
    expect(localPublicKey(file)).toMatchObject({ source: publicKeyFileOf(file) });
    expect(pem(localPublicKey(file))).toBe(key.publicKeyPem);
  });
});
