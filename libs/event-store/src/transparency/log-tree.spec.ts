import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { emptyTreeRoot, leafHash, verifyConsistency, verifyInclusion } from '#verifier';
import { mth, path, proof } from '../../../verifier/src/testing/reference-tree.js';
import { LogTree } from './log-tree.js';
import { storedHashIndex } from './stored-hash-index.js';
import { openTransparencyDatabase } from './transparency-database.js';

/** How many hashes a tree of `size` leaves has stored: up to the last leaf's, and the subtrees that leaf completes. */
function storedHashCount(size: number): number {
  if (size === 0) return 0;
  let count = storedHashIndex(0, size - 1) + 1;
  // The last leaf completes one subtree per trailing 1 bit of its index.
  for (let n = size - 1; n % 2 === 1; n = Math.floor(n / 2)) count++;
  return count;
}

/** Leaf data as the ledger has it: 32-byte event hashes, here made up from the index. */
const eventHashOf = (i: number) => createHash('sha256').update(`event ${i}`).digest();

function treeOf(size: number): { tree: LogTree; leaves: Buffer[]; count: () => number } {
  const db = openTransparencyDatabase(':memory:');
  const tree = new LogTree(db);
  const data = Array.from({ length: size }, (_, i) => eventHashOf(i));
  // Appended in uneven batches, as a follower does, so batch seams are exercised too.
  for (let at = 0; at < size; ) {
    const batch = data.slice(at, at + 1 + (at % 7));
    tree.write(() => tree.appendLeaves(batch.map((eventHash, j) => ({ position: 10 * (at + j) + 3, eventHash })), tree.size()));
    at += batch.length;
  }
  return { tree, leaves: data.map((d) => leafHash(d)), count: () => db.prepare('SELECT count(*) AS n FROM tree_hashes').get() as never };
}

describe('LogTree', () => {
  it('has the empty tree root (SHA-256 of nothing) before any leaf', () => {
    const { tree } = treeOf(0);
    expect(tree.size()).toBe(0);
    expect(tree.root(0)).toEqual(emptyTreeRoot());
    expect(tree.lastPosition()).toBe(0);
  });

  it('gives, for every size up to 64, the root, every inclusion proof and every consistency proof of RFC 9162', () => {
    const { tree, leaves } = treeOf(64);
    for (let to = 1; to <= 64; to++) {
      const root = tree.root(to);
      expect(root).toEqual(mth(leaves.slice(0, to)));
      for (let m = 0; m < to; m++) {
        const auditPath = tree.inclusionProof(m, to);
        expect(auditPath).toEqual(path(m, leaves.slice(0, to)));
        expect(verifyInclusion({ leafIndex: m, treeSize: to, leafHash: leaves[m]!, auditPath, root })).toEqual({ ok: true });
      }
      for (let from = 1; from <= to; from++) {
        const consistency = tree.consistencyProof(from, to);
        // The RFC defines PROOF for from < to; equal trees need no proof.
        expect(consistency).toEqual(from === to ? [] : proof(from, leaves.slice(0, to)));
        expect(
          verifyConsistency({ fromSize: from, toSize: to, fromRoot: tree.root(from), toRoot: root, proof: consistency }),
        ).toEqual({ ok: true });
      }
    }
  });

  it('stores each complete subtree once: about two hashes per leaf', () => {
    const { count } = treeOf(1000);
    expect((count() as unknown as { n: number }).n).toBe(storedHashCount(1000));
    expect(storedHashCount(1000)).toBeLessThan(2000);
  });

  it('proves any leaf in any size of a tree of up to 10,000 leaves, as the verifier checks it', () => {
    const { tree } = treeOf(10_000);
    const leafAt = (i: number) => leafHash(eventHashOf(i));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }).chain((to) => fc.tuple(fc.constant(to), fc.nat(to - 1), fc.integer({ min: 1, max: to }))), ([to, m, from]) => {
        const root = tree.root(to);
        expect(verifyInclusion({ leafIndex: m, treeSize: to, leafHash: leafAt(m), auditPath: tree.inclusionProof(m, to), root })).toEqual({ ok: true });
        expect(
          verifyConsistency({ fromSize: from, toSize: to, fromRoot: tree.root(from), toRoot: root, proof: tree.consistencyProof(from, to) }),
        ).toEqual({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  it('maps positions to leaves and back', () => {
    const { tree } = treeOf(20);
    expect(tree.leafIndexOf(10 * 7 + 3)).toBe(7);
    expect(tree.positionOf(7)).toBe(73);
    expect(tree.leafIndexOf(74)).toBeUndefined();
    expect(tree.lastPosition()).toBe(193);
  });

  it('refuses sizes it does not have and leaves outside the tree', () => {
    const { tree } = treeOf(5);
    expect(() => tree.root(6)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(4, 6)).toThrow(RangeError);
  });
});
