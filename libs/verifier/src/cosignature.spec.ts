import { generateKeyPairSync, sign } from 'node:crypto';
import { formatCheckpoint } from './checkpoint.js';
import { cosign, cosignatureMessage, verifyCosignatures } from './cosignature.js';
import { formatSignatureLine, parseSignedNote, signedNote } from './signed-note.js';
import { ED25519_COSIGNATURE, verifierKeyFromPublicKey } from './verifier-key.js';

/** The example of c2sp.org/tlog-cosignature. */
const SPEC_CHECKPOINT_TEXT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const SPEC_COSIGNED =
  `${SPEC_CHECKPOINT_TEXT}\n` +
  '\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n' +
  '\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';

const witnessNamed = (name: string) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: { name, privateKey }, key: verifierKeyFromPublicKey(name, publicKey, ED25519_COSIGNATURE) };
};
const ledger = { name: 'deal-ledger.local/0123456789abcdef', privateKey: generateKeyPairSync('ed25519').privateKey };
const text = formatCheckpoint({ origin: ledger.name, treeSize: 42, rootHash: Buffer.alloc(32, 1), extensions: [] });
const signed = signedNote(text, ledger);
const w1 = witnessNamed('witness.example/w1');
const w2 = witnessNamed('witness.example/w2');

describe('cosignatures (c2sp.org/tlog-cosignature, Ed25519 cosignature/v1)', () => {
  it("signs the spec's message layout byte for byte: header line, time line, then the note text", () => {
    expect(cosignatureMessage(SPEC_CHECKPOINT_TEXT, 1679315147).toString('utf8')).toBe(
      'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
  });

  it("reads the spec's example cosignature as key id, a big-endian u64 time of the example message, and 64 signature bytes", () => {
    const line = parseSignedNote(SPEC_COSIGNED).signatures[1]!;
    expect(line).toMatchObject({ name: 'witness.example.com/w1', keyId: '8d66cf3f' });
    expect(line.signature).toHaveLength(72);
    expect(line.signature.readBigUInt64BE(0)).toBe(1679315147n);
  });

  it('makes a cosignature line that verifies, with the time it signed', () => {
    const line = cosign(text, 1_700_000_000, w1.signer);
    expect(line).toMatch(/^\u2014 witness\.example\/w1 [A-Za-z0-9+/]{102}==\n$/);
    const bytes = Buffer.from(line.split(' ')[2]!, 'base64');
    expect(bytes.subarray(0, 4).toString('hex')).toBe(w1.key.keyId);
    expect(bytes.readBigUInt64BE(4)).toBe(1_700_000_000n);
    expect(verifyCosignatures(signed + line, [w1.key])).toEqual({
      ok: true,
      cosigners: [{ name: 'witness.example/w1', keyId: w1.key.keyId, timestamp: 1_700_000_000 }],
      invalid: [],
    });
  });

  it('counts distinct witnesses toward the quorum, ignoring other lines (the ledger’s own among them)', () => {
    const both = signed + cosign(text, 1_700_000_000, w1.signer) + cosign(text, 1_700_000_100, w1.signer) + cosign(text, 1_700_000_005, w2.signer);
    expect(verifyCosignatures(both, [w1.key, w2.key], { quorum: 2 })).toMatchObject({ ok: true, cosigners: [{ name: w1.key.name }, { name: w2.key.name }] });
    expect(verifyCosignatures(signed + cosign(text, 1_700_000_000, w1.signer) + cosign(text, 1, w1.signer), [w1.key, w2.key], { quorum: 2 })).toEqual({
      ok: false,
      reason: '1 of the 2 witnesses cosigned, 2 required',
      cosigners: [{ name: w1.key.name, keyId: w1.key.keyId, timestamp: 1_700_000_000 }],
      invalid: [],
    });
    expect(verifyCosignatures(signed, [w1.key], { quorum: 0 })).toEqual({ ok: true, cosigners: [], invalid: [] });
  });

  it('names a known witness whose cosignature is of another checkpoint, and fails', () => {
    const other = formatCheckpoint({ origin: ledger.name, treeSize: 43, rootHash: Buffer.alloc(32, 1), extensions: [] });
    const verdict = verifyCosignatures(signed + cosign(other, 1_700_000_000, w1.signer) + cosign(text, 1_700_000_000, w2.signer), [w1.key, w2.key]);
    expect(verdict).toMatchObject({
      ok: false,
      cosigners: [{ name: w2.key.name }],
      invalid: [{ name: w1.key.name, keyId: w1.key.keyId, reason: expect.stringContaining('does not verify') }],
    });
  });

  it('fails when the signed time was changed', () => {
    const line = cosign(text, 1_700_000_000, w1.signer);
    const bytes = Buffer.from(line.split(' ')[2]!, 'base64');
    bytes.writeBigUInt64BE(1_700_000_001n, 4);
    const altered = formatSignatureLine({ name: w1.key.name, keyId: w1.key.keyId, signature: bytes.subarray(4) });
    expect(verifyCosignatures(signed + altered, [w1.key])).toMatchObject({ ok: false, invalid: [{ reason: expect.stringContaining('does not verify') }] });
  });

  it('refuses a time above 2^63 - 1, and one past 2^53 s it cannot hold exactly', () => {
    const withTime = (time: bigint, signature: Buffer) => {
      const bytes = Buffer.alloc(72);
      bytes.writeBigUInt64BE(time);
      signature.copy(bytes, 8);
      return formatSignatureLine({ name: w1.key.name, keyId: w1.key.keyId, signature: bytes });
    };
    expect(verifyCosignatures(signed + withTime(2n ** 63n, Buffer.alloc(64)), [w1.key])).toMatchObject({
      ok: false,
      invalid: [{ reason: 'timestamp 9223372036854775808 exceeds 2^63 - 1' }],
    });
    const far = 2n ** 60n;
    const validSignature = sign(null, cosignatureMessage(text, far), w1.signer.privateKey);
    expect(verifyCosignatures(signed + withTime(far, validSignature), [w1.key])).toMatchObject({
      ok: false,
      invalid: [{ reason: `timestamp ${far} is in the far future` }],
    });
  });

  it('refuses a time too far after now only when asked to', () => {
    const cosigned = signed + cosign(text, 1_700_001_000, w1.signer);
    expect(verifyCosignatures(cosigned, [w1.key]).ok).toBe(true);
    expect(verifyCosignatures(cosigned, [w1.key], { now: 1_700_000_000, maxFutureSkewSeconds: 2000 }).ok).toBe(true);
    expect(verifyCosignatures(cosigned, [w1.key], { now: 1_700_000_000, maxFutureSkewSeconds: 60 })).toMatchObject({
      ok: false,
      invalid: [{ reason: 'timestamp 1700001000 is more than 60 s after now (1700000000)' }],
    });
  });

  it('refuses a malformed cosignature line of a known witness, a wrong key type, and a bad time to sign', () => {
    const short = formatSignatureLine({ name: w1.key.name, keyId: w1.key.keyId, signature: Buffer.alloc(64) });
    expect(verifyCosignatures(signed + short, [w1.key])).toMatchObject({ ok: false, invalid: [{ reason: expect.stringContaining('72 bytes') }] });
    const noteKey = verifierKeyFromPublicKey('w.example', generateKeyPairSync('ed25519').publicKey);
    expect(() => verifyCosignatures(signed, [noteKey])).toThrow(TypeError);
    expect(() => cosign(text, 1.5, w1.signer)).toThrow(RangeError);
    expect(() => cosign(text, -1, w1.signer)).toThrow(RangeError);
    expect(verifyCosignatures('not a note', [w1.key])).toMatchObject({ ok: false, cosigners: [], invalid: [] });
  });
});
