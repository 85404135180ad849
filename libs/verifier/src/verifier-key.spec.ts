import { createHash, generateKeyPairSync } from 'node:crypto';
import { FormatError } from './verdict.js';
import {
  ED25519_COSIGNATURE,
  ED25519_NOTE,
  ed25519PublicKey,
  formatVerifierKey,
  isValidKeyName,
  keyIdOf,
  parseVerifierKey,
  verifierKeyFromPublicKey,
} from './verifier-key.js';

/** The example of c2sp.org/signed-note, "Verifier keys". */
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';

describe('verifier keys (signed-note "Verifier keys")', () => {
  it("reads the spec's example: name, key id, Ed25519 type and the 32-byte key", () => {
    const key = parseVerifierKey(SPEC_VKEY);
    expect(key).toMatchObject({ name: 'example.com/foo', keyId: '530d903a', type: ED25519_NOTE });
    expect(key.rawPublicKey).toEqual(Buffer.from('AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k', 'base64').subarray(1));
    expect(key.publicKey.asymmetricKeyType).toBe('ed25519');
    expect(formatVerifierKey(key)).toBe(SPEC_VKEY);
  });

  it('computes the key id as SHA-256(name || 0x0A || type || key)[:4]', () => {
    const raw = Buffer.alloc(32, 7);
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from('w.example/1\n'), Buffer.of(4), raw])).digest().subarray(0, 4);
    expect(keyIdOf('w.example/1', ED25519_COSIGNATURE, raw)).toBe(expected.toString('hex'));
    expect(keyIdOf('w.example/1', ED25519_NOTE, raw)).not.toBe(expected.toString('hex'));
  });

  it('makes the vkey of an Ed25519 KeyObject, public or private, for notes or cosignatures', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const note = verifierKeyFromPublicKey('ledger.example/abc', publicKey);
    const raw = Buffer.from(publicKey.export({ format: 'der', type: 'spki' })).subarray(-32);
    expect(note).toMatchObject({ name: 'ledger.example/abc', type: ED25519_NOTE, keyId: keyIdOf('ledger.example/abc', 1, raw), rawPublicKey: raw });
    expect(verifierKeyFromPublicKey('ledger.example/abc', privateKey).keyId).toBe(note.keyId);
    const witness = verifierKeyFromPublicKey('ledger.example/abc', publicKey, ED25519_COSIGNATURE);
    expect(witness.keyId).not.toBe(note.keyId);
    expect(parseVerifierKey(formatVerifierKey(witness))).toMatchObject({ name: witness.name, keyId: witness.keyId, type: ED25519_COSIGNATURE });
    expect(ed25519PublicKey(raw).equals(publicKey)).toBe(true);
  });

  it('reads a key whose base64 holds a plus, the vkey separator', () => {
    let key = verifierKeyFromPublicKey('a.example', generateKeyPairSync('ed25519').publicKey);
    while (!formatVerifierKey(key).split('+').slice(2).join('+').includes('+')) {
      key = verifierKeyFromPublicKey('a.example', generateKeyPairSync('ed25519').publicKey);
    }
    expect(parseVerifierKey(formatVerifierKey(key))).toMatchObject({ name: 'a.example', keyId: key.keyId, rawPublicKey: key.rawPublicKey });
  });

  it('refuses keys that are not Ed25519 and names that are not key names', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => verifierKeyFromPublicKey('a.example', publicKey)).toThrow('not Ed25519');
    const ed = generateKeyPairSync('ed25519').publicKey;
    expect(() => verifierKeyFromPublicKey('a b', ed)).toThrow(FormatError);
    expect(() => verifierKeyFromPublicKey('a+b', ed)).toThrow(FormatError);
  });

  it.each([
    ['two parts', 'example.com/foo+530d903a'],
    ['a plus that breaks the base64', `${SPEC_VKEY}+x`],
    ['an empty name', '+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['a space in the name', 'example.com/f oo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['uppercase hex', 'example.com/foo+530D903A+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['a short key id', 'example.com/foo+530d903+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['another key id', 'example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['another name (the id no longer matches)', 'example.com/bar+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['unpadded base64', 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'.replace(/=*$/, '').slice(0, -1)],
    ['base64url', 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'.replace('+', '-')],
    ['signature type 0x02 (ECDSA)', `example.com/foo+530d903a+${Buffer.concat([Buffer.of(2), Buffer.alloc(32)]).toString('base64')}`],
    ['a 31-byte key', `example.com/foo+530d903a+${Buffer.concat([Buffer.of(1), Buffer.alloc(31)]).toString('base64')}`],
    ['nothing after the type', 'example.com/foo+530d903a+'],
  ])('refuses a vkey with %s', (_, text) => {
    expect(() => parseVerifierKey(text)).toThrow(FormatError);
  });

  it('takes any Unicode space as a space in a name, and nothing else', () => {
    expect(isValidKeyName('example.com/log42')).toBe(true);
    expect(isValidKeyName('oid/1.3.6.1.4.1.44363.47.1')).toBe(true);
    expect(isValidKeyName('ünïcødé.example')).toBe(true);
    for (const space of [' ', '\t', '\u00a0', '\u2003', '\u3000', '\u0085', '\u2028']) expect(isValidKeyName(`a${space}b`)).toBe(false);
    expect(isValidKeyName('')).toBe(false);
  });
});
