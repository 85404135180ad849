import fc from 'fast-check';
import { leafHash, verifyConsistency, verifyInclusion, type ConsistencyClaim, type InclusionClaim } from './merkle.js';
import { mth, path, proof } from './testing/reference-tree.js';

/**
 * Random trees of up to 10,000 leaves: proofs the reference recursion makes are accepted,
 * and any one change to them is rejected.
 */
const ALL = Array.from({ length: 10_000 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));
const RUNS = { numRuns: 40 };

const flip = (hash: Uint8Array, bit: number) => {
  const copy = Buffer.from(hash);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
};

/** One change to a list of hashes: a bit flipped, a hash dropped, or a hash inserted. */
const listChange = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), hash: fc.uint8Array({ minLength: 32, maxLength: 32 }) }),
);
type ListChange = typeof listChange extends fc.Arbitrary<infer T> ? T : never;

function changed(hashes: readonly Uint8Array[], change: ListChange): Uint8Array[] | undefined {
  const copy = [...hashes];
  if (change.kind === 'insert') {
    copy.splice(change.at % (copy.length + 1), 0, change.hash);
    return copy;
  }
  if (copy.length === 0) return undefined;
  const at = change.at % copy.length;
  if (change.kind === 'drop') copy.splice(at, 1);
  else copy[at] = flip(copy[at]!, change.bit);
  return copy;
}

const treeAndLeaf = fc.integer({ min: 1, max: 10_000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })));
const twoSizes = fc.integer({ min: 2, max: 10_000 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n)));

const inclusionClaim = (m: number, n: number): InclusionClaim => ({
  leafIndex: m,
  treeSize: n,
  leafHash: ALL[m]!,
  auditPath: path(m, ALL, 0, n),
  root: mth(ALL, 0, n),
});
const consistencyClaim = (m: number, n: number): ConsistencyClaim => ({
  fromSize: m,
  toSize: n,
  fromRoot: mth(ALL, 0, m),
  toRoot: mth(ALL, 0, n),
  proof: proof(m, ALL.slice(0, n)),
});

describe('Merkle proofs in trees of up to 10,000 leaves', () => {
  it('accepts the audit path of any leaf', () => {
    fc.assert(
      fc.property(treeAndLeaf, ([n, m]) => {
        expect(verifyInclusion(inclusionClaim(m, n))).toEqual({ ok: true });
      }),
      { ...RUNS, examples: [[[10_000, 9_999]], [[10_000, 0]], [[8192, 4096]]] },
    );
  });

  it('rejects an audit path with a bit flipped, a hash dropped or inserted', () => {
    fc.assert(
      fc.property(treeAndLeaf, listChange, ([n, m], change) => {
        const claim = inclusionClaim(m, n);
        const auditPath = changed(claim.auditPath, change);
        fc.pre(auditPath !== undefined);
        expect(verifyInclusion({ ...claim, auditPath: auditPath! }).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('rejects an audit path shown for another leaf, another index or another size with its root', () => {
    fc.assert(
      fc.property(treeAndLeaf, fc.nat(), fc.integer({ min: 1, max: 10_000 }), ([n, m], other, size) => {
        const claim = inclusionClaim(m, n);
        const otherIndex = (m + 1 + (other % n)) % n;
        if (otherIndex !== m) {
          expect(verifyInclusion({ ...claim, leafIndex: otherIndex }).ok).toBe(false);
          expect(verifyInclusion({ ...claim, leafHash: ALL[otherIndex]! }).ok).toBe(false);
        }
        if (size !== n && size > m) expect(verifyInclusion({ ...claim, treeSize: size, root: mth(ALL, 0, size) }).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('accepts the consistency proof between any two sizes', () => {
    fc.assert(
      fc.property(twoSizes, ([m, n]) => {
        expect(verifyConsistency(consistencyClaim(m, n))).toEqual({ ok: true });
      }),
      { ...RUNS, examples: [[[1, 10_000]], [[9_999, 10_000]], [[4096, 8193]]] },
    );
  });

  it('rejects a consistency proof with a bit flipped, a hash dropped or inserted, or another pair of sizes', () => {
    fc.assert(
      fc.property(twoSizes, listChange, fc.integer({ min: 1, max: 10_000 }), ([m, n], change, other) => {
        const claim = consistencyClaim(m, n);
        const hashes = changed(claim.proof, change);
        if (hashes) expect(verifyConsistency({ ...claim, proof: hashes }).ok).toBe(false);
        if (other !== m && other < n) expect(verifyConsistency({ ...claim, fromSize: other, fromRoot: mth(ALL, 0, other) }).ok).toBe(false);
        if (other !== n && other > m) expect(verifyConsistency({ ...claim, toSize: other, toRoot: mth(ALL, 0, other) }).ok).toBe(false);
      }),
      RUNS,
    );
  });
});
