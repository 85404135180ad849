import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTimestampRequest, ED25519_COSIGNATURE, EVIDENCE_BUNDLE_FILES, formatVerifierKey, verifierKeyFromPublicKey } from '#verifier';
import { signManifest, writeTestBundle } from '../../../libs/verifier/src/testing/evidence-bundle.js';
import { createOpensslTsa, createUnrelatedCa, describeWithOpenssl, type OpensslTsa } from '../../../test/support/openssl-tsa.js';
import { verifyBundleCommand } from './verify-bundle.command.js';

const keyPair = (name: string) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: { name, privateKey }, publicKey };
};
const ledger = keyPair('deal-ledger.local/0123456789abcdef');
const witness = keyPair('witness.example/w1');
const ledgerVkey = formatVerifierKey(verifierKeyFromPublicKey(ledger.signer.name, ledger.publicKey));
const witnessVkey = formatVerifierKey(verifierKeyFromPublicKey(witness.signer.name, witness.publicKey, ED25519_COSIGNATURE));
const bundle = writeTestBundle({
  ledger: ledger.signer,
  witnesses: [{ signer: witness.signer, timestamp: 1_742_205_600 }],
  timestampReply: () => Buffer.from('a reply'),
});

let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'verify-bundle-'));
  for (const [name, content] of bundle.files) writeFileSync(join(dir, name), content);
  out = [];
  err = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  jest.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('ledger verify-bundle', () => {
  it('exits 0 for an intact bundle with the pinned ledger key, given as a vkey or in a file', async () => {
    expect(await verifyBundleCommand(dir, { ledgerKey: ledgerVkey })).toBe(0);
    expect(out.join('\n')).toMatch(/^Intact: caremag-2025, 3 events of stream deal-caremag-2025, each proven in the ledger's tree of 11 events/);
    expect(out.join('\n')).toContain(`Signed by the ledger key you gave: ${ledger.signer.name}`);
    const file = join(dir, '..', `${dir.split('/').at(-1)}.vkey`);
    writeFileSync(file, `${ledgerVkey}\n`);
    try {
      expect(await verifyBundleCommand(dir, { ledgerKey: file })).toBe(0);
    } finally {
      rmSync(file);
    }
  });

  it('takes the ledger’s PEM public key, named as the bundle names its key', async () => {
    const pem = join(dir, '..', `${dir.split('/').at(-1)}.pem`);
    writeFileSync(pem, ledger.publicKey.export({ format: 'pem', type: 'spki' }));
    try {
      expect(await verifyBundleCommand(dir, { publicKey: pem, json: true })).toBe(0);
      expect(JSON.parse(out[0]!)).toMatchObject({ ok: true, keyPinned: true, ledgerKey: { vkey: ledgerVkey } });
    } finally {
      rmSync(pem);
    }
  });

  it('warns that an unpinned key proves nothing of who signed', async () => {
    expect(await verifyBundleCommand(dir, {})).toBe(0);
    expect(out.join('\n')).toContain('the key the bundle itself names: anyone can sign a bundle with a key of their own');
    expect(out.join('\n')).toContain('Not checked:\n  - that the signing key is the ledger’s');
  });

  it('exits 1 and names the problem for a bundle signed by another key than the pinned one', async () => {
    const other = keyPair(ledger.signer.name);
    expect(await verifyBundleCommand(dir, { ledgerKey: formatVerifierKey(verifierKeyFromPublicKey(other.signer.name, other.publicKey)) })).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^NOT INTACT: BUNDLE\.UNTRUSTED_KEY: .* \(ledger\.vkey\)$/)]);
  });

  it('exits 1 for a changed byte, with the JSON problem', async () => {
    const csv = bundle.files.get('figure-histories.csv')!.toString().replace('caremag', 'caremog');
    writeFileSync(join(dir, 'figure-histories.csv'), csv);
    expect(await verifyBundleCommand(dir, { ledgerKey: ledgerVkey, json: true })).toBe(1);
    expect(JSON.parse(out[0]!)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.FILE_ALTERED', file: 'figure-histories.csv' } });
  });

  it('requires the witnesses’ cosignatures: one by default, k with --require', async () => {
    expect(await verifyBundleCommand(dir, { ledgerKey: ledgerVkey, witness: [witnessVkey] })).toBe(0);
    expect(out.join('\n')).toContain('Cosigned by witness witness.example/w1');
    const absent = keyPair('witness.example/w2');
    const absentVkey = formatVerifierKey(verifierKeyFromPublicKey(absent.signer.name, absent.publicKey, ED25519_COSIGNATURE));
    expect(await verifyBundleCommand(dir, { ledgerKey: ledgerVkey, witness: [witnessVkey, absentVkey], require: '2' })).toBe(1);
    expect(err.join('\n')).toContain('BUNDLE.COSIGNATURES_MISSING');
    expect(await verifyBundleCommand(dir, { ledgerKey: ledgerVkey, witness: [absentVkey] })).toBe(1);
  });

  it('refuses arguments it cannot use, for main to exit 2', async () => {
    await expect(verifyBundleCommand(dir, { ledgerKey: witnessVkey })).rejects.toThrow('--ledger-key');
    await expect(verifyBundleCommand(dir, { ledgerKey: 'not-a-key' })).rejects.toThrow('--ledger-key not-a-key: vkey:');
    await expect(verifyBundleCommand(dir, { ledgerKey: ledgerVkey, publicKey: 'x.pem' })).rejects.toThrow('give the ledger key once');
    await expect(verifyBundleCommand(dir, { witness: [ledgerVkey] })).rejects.toThrow('--witness');
    await expect(verifyBundleCommand(dir, { witness: [witnessVkey], require: 'two' })).rejects.toThrow('--require two');
  });

});

describeWithOpenssl('ledger verify-bundle --tsa-ca, with a timestamp from a real TSA', () => {
  let tsa: OpensslTsa;
  let other: Awaited<ReturnType<typeof createUnrelatedCa>>;
  beforeAll(async () => {
    tsa = await createOpensslTsa();
    other = await createUnrelatedCa();
    // checkpoint.tsr: OpenSSL's TSA stamping the checkpoint as the ledger signed it; the manifest signed again over it.
    const reply = await tsa.stamp(createTimestampRequest(Buffer.from(bundle.ledgerSignedCheckpoint)).der);
    bundle.files.set(EVIDENCE_BUNDLE_FILES.timestamp, reply);
    signManifest(bundle.files, ledger.signer, { dealId: bundle.dealId, streamId: bundle.streamId, treeSize: bundle.leaves.length });
  });
  afterAll(async () => {
    await tsa.close();
    await other.close();
  });
  beforeEach(() => {
    for (const [name, content] of bundle.files) writeFileSync(join(dir, name), content);
  });

  it('checks checkpoint.tsr against the TSA certificate given, and fails with another one', async () => {
    expect(await verifyBundleCommand(dir, { ledgerKey: ledgerVkey, tsaCa: tsa.caFile })).toBe(0);
    expect(out.join('\n')).toMatch(/Timestamped by the TSA at \d{4}-\d{2}-\d{2}T/);
    expect(await verifyBundleCommand(dir, { ledgerKey: ledgerVkey, tsaCa: other.caFile, json: true })).toBe(1);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ ok: false, problem: { file: EVIDENCE_BUNDLE_FILES.timestamp } });
  });
});
