import { generateKeyPairSync } from 'node:crypto';
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from './checkpoint.js';
import { cosign } from './cosignature.js';
import { emptyTreeRoot } from './merkle.js';
import { formatSignatureLine, signedNote, signNote } from './signed-note.js';
import { FormatError } from './verdict.js';
import { verifierKeyFromPublicKey } from './verifier-key.js';

/** The example of c2sp.org/tlog-checkpoint. */
const SPEC_TEXT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

const ledgerNamed = (name: string) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: { name, privateKey }, key: verifierKeyFromPublicKey(name, publicKey) };
};
const ledger = ledgerNamed('deal-ledger.local/0123456789abcdef');
const root = Buffer.alloc(32, 0xab);
const text = formatCheckpoint({ origin: ledger.key.name, treeSize: 1000, rootHash: root, extensions: [] });
const signedBy = (signer: { name: string; privateKey: import('node:crypto').KeyObject }, noteText = text) =>
  signedNote(noteText, signer);

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  it("reads the spec's example: origin, decimal size, base64 root of 32 bytes", () => {
    const checkpoint = parseCheckpoint(SPEC_TEXT);
    expect(checkpoint).toEqual({
      origin: 'example.com/behind-the-sofa',
      treeSize: 20852163,
      rootHash: Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64'),
      extensions: [],
    });
    expect(formatCheckpoint(checkpoint)).toBe(SPEC_TEXT);
  });

  it('writes origin, size and root, one line each, then any extension lines', () => {
    expect(text).toBe(`deal-ledger.local/0123456789abcdef\n1000\n${root.toString('base64')}\n`);
    const withExtensions = { origin: 'o', treeSize: 1, rootHash: root, extensions: ['ext one', 'ext two'] };
    expect(parseCheckpoint(formatCheckpoint(withExtensions))).toEqual(withExtensions);
  });

  it('takes size 0 only with the root of the empty tree', () => {
    expect(parseCheckpoint(`o\n0\n${emptyTreeRoot().toString('base64')}\n`).treeSize).toBe(0);
    expect(() => parseCheckpoint(`o\n0\n${root.toString('base64')}\n`)).toThrow('a tree of size 0 has the root SHA-256("")');
  });

  it.each([
    ['a size with a leading zero', SPEC_TEXT.replace('\n20852163\n', '\n020852163\n')],
    ['a negative size', SPEC_TEXT.replace('\n20852163\n', '\n-1\n')],
    ['a size with a plus sign', SPEC_TEXT.replace('\n20852163\n', '\n+20852163\n')],
    ['a size of 2^53', SPEC_TEXT.replace('\n20852163\n', '\n9007199254740992\n')],
    ['a root of 31 bytes', `o\n1\n${Buffer.alloc(31).toString('base64')}\n`],
    ['a root in non-canonical base64', SPEC_TEXT.replace('q2I=', 'q2J=')],
    ['a root in base64url', `o\n1\n${Buffer.alloc(32, 0xfb).toString('base64url')}\n`],
    ['an empty origin', SPEC_TEXT.replace('example.com/behind-the-sofa', '')],
    ['two lines only', 'example.com/behind-the-sofa\n20852163\n'],
    ['an empty extension line', `${SPEC_TEXT}\n`],
    ['no final newline', SPEC_TEXT.slice(0, -1)],
  ])('refuses a checkpoint with %s', (_, bad) => {
    expect(() => parseCheckpoint(bad)).toThrow(FormatError);
  });

  it('refuses to write what it would refuse to read', () => {
    expect(() => formatCheckpoint({ origin: 'o', treeSize: -1, rootHash: root, extensions: [] })).toThrow(FormatError);
    expect(() => formatCheckpoint({ origin: 'o\nx', treeSize: 1, rootHash: root, extensions: [] })).toThrow(FormatError);
    expect(() => formatCheckpoint({ origin: 'o', treeSize: 1, rootHash: root.subarray(1), extensions: [] })).toThrow(FormatError);
    expect(() => formatCheckpoint({ origin: 'o', treeSize: 1, rootHash: root, extensions: [''] })).toThrow(FormatError);
  });
});

describe('openCheckpoint', () => {
  it('verifies the ledger signature and gives the checkpoint and the note as the ledger signed it', () => {
    const signed = signedBy(ledger.signer);
    const opened = openCheckpoint(signed, ledger.key);
    expect(opened).toMatchObject({ ok: true, checkpoint: { origin: ledger.key.name, treeSize: 1000, rootHash: root }, ledgerSignedNote: signed });
  });

  it('leaves cosignatures, before or after the ledger’s line, out of the note as the ledger signed it', () => {
    const witness = generateKeyPairSync('ed25519').privateKey;
    const cosignature = cosign(text, 1_700_000_000, { name: 'witness.example/w1', privateKey: witness });
    const ledgerLine = formatSignatureLine(signNote(text, ledger.signer));
    const opened = openCheckpoint(`${text}\n${cosignature}${ledgerLine}`, ledger.key);
    expect(opened).toMatchObject({ ok: true, ledgerSignedNote: `${text}\n${ledgerLine}` });
  });

  it('refuses a checkpoint signed by another key, even under the same name', () => {
    const impostor = ledgerNamed(ledger.key.name);
    expect(openCheckpoint(signedBy(impostor.signer), ledger.key)).toMatchObject({ ok: false, reason: expect.stringContaining('no signature by a trusted key') });
  });

  it('refuses a checkpoint whose origin is not the ledger key’s name (our rule)', () => {
    const otherLog = formatCheckpoint({ origin: 'another.example/log', treeSize: 1, rootHash: root, extensions: [] });
    expect(openCheckpoint(signedBy(ledger.signer, otherLog), ledger.key)).toEqual({
      ok: false,
      reason: 'the checkpoint\'s origin "another.example/log" is not the ledger key\'s name "deal-ledger.local/0123456789abcdef"',
    });
  });

  it('refuses an altered size or root, and a malformed note', () => {
    const signed = signedBy(ledger.signer);
    expect(openCheckpoint(signed.replace('\n1000\n', '\n1001\n'), ledger.key).ok).toBe(false);
    expect(openCheckpoint(signed.replace(root.toString('base64'), Buffer.alloc(32, 0xac).toString('base64')), ledger.key).ok).toBe(false);
    expect(openCheckpoint(signed.slice(0, -1), ledger.key)).toEqual({ ok: false, reason: 'signed-note: does not end with a newline' });
    const notACheckpoint = signedBy(ledger.signer, `${ledger.key.name}\n1000\n`);
    expect(openCheckpoint(notACheckpoint, ledger.key)).toMatchObject({ ok: false, reason: expect.stringContaining('checkpoint: ') });
  });
});
