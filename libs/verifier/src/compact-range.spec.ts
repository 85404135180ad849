import fc from 'fast-check';
import { CompactRange } from './compact-range.js';
import { emptyTreeRoot, leafHash } from './merkle.js';
import { mth } from './testing/reference-tree.js';
import { LEAF_INPUTS, ROOT_HASHES } from './testing/transparency-dev-vectors.js';

const ALL = Array.from({ length: 10_000 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));
const rangeOf = (leaves: readonly Buffer[]) => {
  const range = new CompactRange();
  for (const leaf of leaves) range.append(leaf);
  return range;
};

describe('CompactRange', () => {
  it('starts as the empty tree', () => {
    const range = new CompactRange();
    expect(range.size).toBe(0);
    expect(range.root().equals(emptyTreeRoot())).toBe(true);
    expect(range.frontier()).toEqual([]);
  });

  it('gives the published root of transparency-dev/merkle after each of the 8 published leaves', () => {
    const range = new CompactRange();
    expect(range.root().toString('hex')).toBe(ROOT_HASHES[0]);
    LEAF_INPUTS.forEach((input, i) => {
      range.append(leafHash(Buffer.from(input, 'hex')));
      expect(range.size).toBe(i + 1);
      expect(range.root().toString('hex')).toBe(ROOT_HASHES[i + 1]);
    });
  });

  it('agrees with the reference recursion after every append up to 300 leaves, keeping one hash per set bit of the size', () => {
    const range = new CompactRange();
    for (let n = 1; n <= 300; n++) {
      range.append(ALL[n - 1]!);
      expect(range.root().equals(mth(ALL, 0, n))).toBe(true);
      expect(range.frontier()).toHaveLength(n.toString(2).replace(/0/g, '').length);
    }
  });

  it('agrees with the reference recursion for any number of leaves up to 10,000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => {
        expect(rangeOf(ALL.slice(0, n)).root().equals(mth(ALL, 0, n))).toBe(true);
      }),
      { numRuns: 25, examples: [[10_000], [8192], [8193], [1]] },
    );
  });

  it('resumes from a saved frontier and size as if it had never stopped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (first, more) => {
        const saved = rangeOf(ALL.slice(0, first));
        const resumed = CompactRange.fromFrontier(saved.size, saved.frontier());
        for (const leaf of ALL.slice(first, first + more)) resumed.append(leaf);
        expect(resumed.size).toBe(first + more);
        expect(resumed.root().equals(mth(ALL, 0, first + more))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('does not let a caller change its state through a returned frontier or a reused buffer', () => {
    const leaf = Buffer.from(ALL[0]!);
    const range = rangeOf([leaf]);
    leaf.fill(0);
    range.frontier()[0]!.fill(0);
    expect(range.root().equals(ALL[0]!)).toBe(true);
  });

  it('refuses a frontier that does not fit the size, and anything but a 32-byte leaf hash', () => {
    const frontier = rangeOf(ALL.slice(0, 6)).frontier();
    expect(() => CompactRange.fromFrontier(7, frontier)).toThrow('a tree of 7 leaves has 3 perfect subtrees, not 2');
    expect(() => CompactRange.fromFrontier(-1, [])).toThrow(RangeError);
    expect(() => CompactRange.fromFrontier(2 ** 53, [])).toThrow(RangeError);
    expect(() => new CompactRange().append(Buffer.alloc(31))).toThrow('a leaf or node hash has 32 bytes');
  });

  it('counts sizes past 32 bits (where JS bit operators would wrap) exactly', () => {
    // 2^32 + 1 leaves: two perfect subtrees, of 2^32 leaves and of 1 leaf.
    const big = CompactRange.fromFrontier(2 ** 32 + 1, [ALL[0]!, ALL[1]!]);
    big.append(ALL[2]!);
    expect(big.size).toBe(2 ** 32 + 2);
    expect(big.frontier()).toHaveLength(2);
    big.append(ALL[3]!);
    expect(big.frontier()).toHaveLength(3);
  });
});
