import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { checkpointSignatureProblem, headsProblem, publicKeyId, signCheckpoint } from './checkpoint.js';
import { headsRoot } from './heads-tree.js';
import { parseCheckpoint } from './checkpoint-parse.js';
import type { StreamHead } from './chain-verifier.js';

const key = generateKeyPairSync('ed25519');
const heads: StreamHead[] = [
  { streamId: 'deal-a', revision: 4, hash: 'a'.repeat(64) },
  { streamId: 'deal-b', revision: 0, hash: 'b'.repeat(64) },
];
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** A 64-byte signature ends in one character and '==': that character's low 4 bits are padding. */
const flipPaddingBit = (b64: string) => {
  const at = b64.length - 3;
  const flipped = b64.slice(0, at) + BASE64[BASE64.indexOf(b64[at]!) ^ 1] + b64.slice(at + 1);
  expect(Buffer.from(flipped, 'base64')).toEqual(Buffer.from(b64, 'base64'));
  return flipped;
};
const signed = () => signCheckpoint(key.privateKey, { position: 7, eventCount: 6, heads, signedAt: '2025-03-17T12:00:00.000Z' });

describe('signed checkpoints', () => {
  it('sign the Merkle root of every stream head at a position, with the key they name', () => {
    const checkpoint = signed();
    expect(checkpoint).toMatchObject({
      format: 'deal-ledger.checkpoint.v1',
      position: 7,
      eventCount: 6,
      streamCount: 2,
      keyId: publicKeyId(key.publicKey),
      headsRoot: headsRoot([
        ['deal-a', 4, 'a'.repeat(64)],
        ['deal-b', 0, 'b'.repeat(64)],
      ]),
      heads: [
        ['deal-a', 4, 'a'.repeat(64)],
        ['deal-b', 0, 'b'.repeat(64)],
      ],
    });
    expect(checkpointSignatureProblem(checkpoint, key.publicKey, 'test')).toBeUndefined();
    expect(parseCheckpoint(JSON.parse(JSON.stringify(checkpoint)))).toEqual({ checkpoint });
  });

  it('detect a forged signature, and any signed field changed', () => {
    const checkpoint = signed();
    const bytes = Buffer.from(checkpoint.signature, 'base64');
    bytes[10] ^= 1;
    const forged = { ...checkpoint, signature: bytes.toString('base64') };
    expect(checkpointSignatureProblem(forged, key.publicKey, 'file x')).toMatchObject({
      code: 'CHECKPOINT.SIGNATURE_INVALID',
      checkpoint: { position: 7, source: 'file x' },
    });
    for (const change of [{ position: 8 }, { eventCount: 5 }, { streamCount: 3 }, { headsRoot: 'c'.repeat(64) }, { signedAt: '2025-03-18T00:00:00.000Z' }]) {
      expect(checkpointSignatureProblem({ ...checkpoint, ...change }, key.publicKey, 'x')?.code).toBe('CHECKPOINT.SIGNATURE_INVALID');
    }
  });

  it('are refused when signed by another key than the trusted one, or when no key is trusted', () => {
    const other = generateKeyPairSync('ed25519');
    const checkpoint = signed();
    expect(checkpointSignatureProblem(checkpoint, other.publicKey, 'x')?.code).toBe('CHECKPOINT.UNTRUSTED_KEY');
    // A forger who signs with their own key and claims the trusted key's id.
    const resigned = signCheckpoint(other.privateKey, { position: 7, eventCount: 6, heads, signedAt: '2025-03-17T12:00:00.000Z' });
    const { signature: _s, heads: _h, ...unsigned } = { ...resigned, keyId: publicKeyId(key.publicKey) };
    expect(canonicalJson(unsigned)).toContain(publicKeyId(key.publicKey));
    expect(checkpointSignatureProblem({ ...resigned, keyId: publicKeyId(key.publicKey) }, key.publicKey, 'x')?.code).toBe(
      'CHECKPOINT.SIGNATURE_INVALID',
    );
    expect(checkpointSignatureProblem(checkpoint, undefined, 'x')?.code).toBe('CHECKPOINT.NO_TRUSTED_KEY');
  });

  it('detect a list of heads edited after signing', () => {
    const checkpoint = signed();
    checkpoint.heads[0] = ['deal-a', 3, 'a'.repeat(64)];
    expect(checkpointSignatureProblem(checkpoint, key.publicKey, 'x')?.code).toBe('CHECKPOINT.HEADS_LIST_MISMATCH');
  });

  it('name the first stream whose head differs from the signed one', () => {
    const checkpoint = signed();
    expect(headsProblem(checkpoint, 'x', { heads, eventCount: 6 })).toBeUndefined();
    const rewritten = [heads[0]!, { ...heads[1]!, hash: 'e'.repeat(64) }];
    expect(headsProblem(checkpoint, 'x', { heads: rewritten, eventCount: 6 })).toMatchObject({
      code: 'CHECKPOINT.HEADS_MISMATCH',
      streamId: 'deal-b',
      expectedRevision: 0,
      expectedHash: 'b'.repeat(64),
      revision: 0,
      foundHash: 'e'.repeat(64),
    });
    expect(headsProblem(checkpoint, 'x', { heads: [heads[0]!], eventCount: 5 })).toMatchObject({ streamId: 'deal-b' });
    // Without the list, only the root can be compared.
    const { heads: _heads, ...bare } = checkpoint;
    expect(headsProblem(bare, 'x', { heads: rewritten, eventCount: 6 })).toMatchObject({
      code: 'CHECKPOINT.HEADS_MISMATCH',
      expectedHash: checkpoint.headsRoot,
    });
  });

  it.each<[string, (c: Record<string, unknown>) => void]>([
    ['an unknown field', (c) => (c.extra = 1)],
    ['another format', (c) => (c.format = 'v2')],
    ['a negative position', (c) => (c.position = -1)],
    ['upper-case hex', (c) => (c.headsRoot = String(c.headsRoot).toUpperCase())],
    ['base64 that differs only in padding bits (it decodes to the same signature)', (c) => (c.signature = flipPaddingBit(String(c.signature)))],
    ['heads that are not triples', (c) => (c.heads = [['deal-a', 4]])],
  ])('are refused as malformed with %s', (_, spoil) => {
    const checkpoint = JSON.parse(JSON.stringify(signed())) as Record<string, unknown>;
    spoil(checkpoint);
    expect(parseCheckpoint(checkpoint)).toEqual({ error: expect.any(String) });
  });
});
