/**
 * Where the log tree keeps each hash. Every complete subtree's hash is stored once, when
 * its last leaf arrives, at a dense index (the layout of Go's sumdb `tlog` package): a
 * level-L node comes right after the leaf that completes it. Appending a leaf writes one
 * to log2(n) hashes (two on average), and any root, inclusion proof or consistency proof
 * of any size up to the current one is built from O(log n) stored hashes, none recomputed.
 *
 * Arithmetic is on JS numbers, exact up to 2^53: division instead of bit shifts, which
 * JavaScript truncates to 32 bits.
 */

/** The index of the hash of the subtree at `level` whose leaves are [n·2^level, (n+1)·2^level). */
export function storedHashIndex(level: number, n: number): number {
  // The n'th node of level L is stored right after the (2n+1)'th node of level L-1…
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  // …and level 0's n'th hash sits at n + n/2 + n/4 + … (the nodes completed before it).
  let index = 0;
  for (; n > 0; n = Math.floor(n / 2)) index += n;
  return index + level;
}

/**
 * The complete subtrees that make up leaves [lo, hi), largest first, as (level, n). RFC 9162
 * splits a range at the largest power of two below its size; when `lo` is aligned to a
 * power of two at least the range's size (true of [0, size) and of every range the proof
 * recursions visit), those splits are exactly these subtrees.
 */
export function completeSubtrees(lo: number, hi: number): { level: number; n: number }[] {
  const subtrees: { level: number; n: number }[] = [];
  while (lo < hi) {
    const size = largestPowerOfTwoAtMost(hi - lo);
    if (lo % size !== 0) throw new Error(`Leaves [${lo}, ${hi}) are not aligned to complete subtrees`);
    const level = Math.log2(size);
    subtrees.push({ level, n: lo / size });
    lo += size;
  }
  return subtrees;
}

/** The largest power of two strictly below n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function largestPowerOfTwoAtMost(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}
