import { emptyTreeRoot, nodeHash } from '../merkle.js';

/**
 * The oracle of the tests: RFC 9162 §2.1.1–§2.1.4.1 written as the RFC writes them, as
 * recursions over a list of leaf hashes (D[n] below holds leaf hashes, so MTH({d}) is d).
 * Slow on purpose (every call recomputes its subtrees): it must be obviously right, not fast.
 * `lo`/`hi` bound the slice D[lo:hi] instead of copying it.
 */

/** §2.1.1 MTH(D[n]). */
export function mth(leaves: readonly Buffer[], lo = 0, hi = leaves.length): Buffer {
  const n = hi - lo;
  if (n === 0) return emptyTreeRoot();
  if (n === 1) return leaves[lo]!;
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
}

/** §2.1.3.1 PATH(m, D[n]): the audit path of leaf m. */
export function path(m: number, leaves: readonly Buffer[], lo = 0, hi = leaves.length): Buffer[] {
  const n = hi - lo;
  if (m < 0 || m >= n) throw new RangeError(`no leaf ${m} in a tree of ${n}`);
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  return m < k
    ? [...path(m, leaves, lo, lo + k), mth(leaves, lo + k, hi)]
    : [...path(m - k, leaves, lo + k, hi), mth(leaves, lo, lo + k)];
}

/** §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m < n. */
export function proof(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (m <= 0 || m >= leaves.length) throw new RangeError(`PROOF(${m}, D[${leaves.length}]) is defined for 0 < m < n only`);
  return subproof(m, leaves, 0, leaves.length, true);
}

/** §2.1.4.1 SUBPROOF(m, D[n], b). */
export function subproof(m: number, leaves: readonly Buffer[], lo: number, hi: number, b: boolean): Buffer[] {
  const n = hi - lo;
  if (m === n) return b ? [] : [mth(leaves, lo, hi)];
  const k = largestPowerOfTwoBelow(n);
  return m <= k
    ? [...subproof(m, leaves, lo, lo + k, b), mth(leaves, lo + k, hi)]
    : [...subproof(m - k, leaves, lo + k, hi, false), mth(leaves, lo, lo + k)];
}

/** k such that k < n <= 2k, for n > 1. */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
