import fc from 'fast-check';
import { headInclusionProof, headsRoot, rootOfInclusionProof, type HeadEntry } from './heads-tree.js';

const heads = (n: number): HeadEntry[] =>
  Array.from({ length: n }, (_, i) => [`deal-${String(i).padStart(3, '0')}`, i, i.toString(16).padStart(64, '0')]);

describe('the Merkle tree of stream heads', () => {
  it('has a root that does not depend on the order heads are listed in, and changes with any head', () => {
    const list = heads(5);
    expect(headsRoot([...list].reverse())).toBe(headsRoot(list));
    expect(headsRoot([...list.slice(0, 4), ['deal-004', 5, list[4]![2]]])).not.toBe(headsRoot(list));
    expect(headsRoot(list.slice(0, 4))).not.toBe(headsRoot(list));
    // RFC 9162: the empty tree's hash is SHA-256 of nothing.
    expect(headsRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('proves every head of every tree size up to 33 into its root', () => {
    for (let n = 1; n <= 33; n++) {
      const list = heads(n);
      const root = headsRoot(list);
      for (const [streamId] of list) {
        const proof = headInclusionProof(list, streamId)!;
        expect(rootOfInclusionProof(proof)).toBe(root);
      }
    }
  });

  // The tree size is not checked by the proof itself (the same path can fit a larger
  // tree): a verifier compares it with the size that was signed (streamCount).
  it('proves nothing for a changed head, index or path', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.nat(), fc.nat(), (n, pick, bit) => {
        const list = heads(n);
        const root = headsRoot(list);
        const proof = headInclusionProof(list, list[pick % n]![0])!;
        const forged = [
          { ...proof, head: [proof.head[0], proof.head[1] + 1, proof.head[2]] as HeadEntry },
          { ...proof, leafIndex: (proof.leafIndex + 1) % n },
          { ...proof, path: proof.path.map((h, i) => (i === bit % proof.path.length ? flip(h) : h)) },
          { ...proof, path: proof.path.slice(1) },
        ];
        for (const f of forged) expect(rootOfInclusionProof(f)).not.toBe(root);
      }),
      { numRuns: 200 },
    );
  });

  it('has no proof for a stream that is not in the tree', () => {
    expect(headInclusionProof(heads(3), 'deal-x')).toBeUndefined();
  });
});

const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
