import { sha256 } from './encoding.js';
import { fail, PASS, type Verdict } from './verdict.js';

/**
 * The Merkle tree of RFC 9162 §2.1 (the same as RFC 6962 §2.1) with SHA-256, and the
 * RFC's own algorithms to check an inclusion proof (§2.1.3.2) and a consistency proof
 * (§2.1.4.2), step by step as the RFC numbers them, so that they can be read side by side.
 *
 * Sizes and indices are JS numbers and must be safe integers (below 2^53): the bit
 * operators of JS work on 32 bits, so the steps below shift and test bits with arithmetic.
 */

/** Every hash in the tree is a SHA-256 digest. */
export const HASH_SIZE = 32;

/** §2.1.1: a leaf is hashed with a 0x00 prefix, so that no leaf can pass for a node. */
export function leafHash(data: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, data);
}

/** §2.1.1: an interior node is hashed with a 0x01 prefix over its two children. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** §2.1.1: the hash of the empty tree is the hash of the empty string. */
export function emptyTreeRoot(): Buffer {
  return sha256();
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export interface InclusionClaim {
  leafIndex: number;
  treeSize: number;
  /** The leaf's hash, leafHash(data), not the data. */
  leafHash: Uint8Array;
  /** From the leaf's sibling up to a child of the root (PATH of §2.1.3.1). */
  auditPath: readonly Uint8Array[];
  root: Uint8Array;
}

/** RFC 9162 §2.1.3.2: does the audit path lead from the leaf at its index to the root of a tree of that size? */
export function verifyInclusion(claim: InclusionClaim): Verdict {
  const { leafIndex, treeSize, auditPath, root } = claim;
  const wrong = badCount('leafIndex', leafIndex) ?? badCount('treeSize', treeSize);
  if (wrong) return wrong;
  const notHash = badHash('leafHash', claim.leafHash) ?? badHash('root', root) ?? badPath('auditPath', auditPath);
  if (notHash) return notHash;

  // 1. The index must be inside the tree.
  if (leafIndex >= treeSize) return fail(`leaf index ${leafIndex} is not below the tree size ${treeSize}`);
  // 2.–3.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = claim.leafHash;
  // 4.
  for (const p of auditPath) {
    // 4a. A path longer than the way up to the root.
    if (sn === 0) return fail(`the audit path has more hashes than a leaf of a tree of size ${treeSize} needs`);
    // 4b. p is on the left when fn is a right child, or when fn is the last node of its level
    // (no right sibling: p is then the left sibling of its first ancestor that has one).
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // 4b.ii. Climb the right border to where fn becomes a right child (or the leftmost node).
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    // 4c.
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  if (sn !== 0) return fail(`the audit path has fewer hashes than a leaf of a tree of size ${treeSize} needs`);
  if (!sameBytes(r, root)) return fail('the audit path leads to another root');
  return PASS;
}

export interface ConsistencyClaim {
  fromSize: number;
  toSize: number;
  fromRoot: Uint8Array;
  toRoot: Uint8Array;
  /** PROOF(fromSize, D[toSize]) of §2.1.4.1. */
  proof: readonly Uint8Array[];
}

/**
 * Is the tree of `toSize` leaves an extension of the tree of `fromSize` leaves?
 *
 * RFC 9162 §2.1.4.2 defines the check for 0 < fromSize < toSize; the other cases are ours:
 * - equal sizes: the proof must be empty and the roots equal (as transparency-dev/merkle does);
 * - fromSize 0: the empty tree is a prefix of every tree, so there is nothing to prove: the
 *   proof must be empty and fromRoot must be the empty tree's root (as C2SP tlog-witness
 *   says for an old size of 0); toRoot is then only checked when toSize is 0 too.
 *   (transparency-dev/merkle instead refuses any proof from size 0 as meaningless.)
 */
export function verifyConsistency(claim: ConsistencyClaim): Verdict {
  const { fromSize, toSize, fromRoot, toRoot, proof } = claim;
  const wrong = badCount('fromSize', fromSize) ?? badCount('toSize', toSize);
  if (wrong) return wrong;
  const notHash = badHash('fromRoot', fromRoot) ?? badHash('toRoot', toRoot) ?? badPath('proof', proof);
  if (notHash) return notHash;

  if (fromSize > toSize) return fail(`the first tree (size ${fromSize}) is larger than the second (size ${toSize})`);
  if (fromSize === 0) {
    if (proof.length > 0) return fail('a proof from the empty tree must be empty');
    if (!sameBytes(fromRoot, emptyTreeRoot())) return fail('the first root is not the root of the empty tree');
    if (toSize === 0 && !sameBytes(toRoot, fromRoot)) return fail('two empty trees with different roots');
    return PASS;
  }
  if (fromSize === toSize) {
    if (proof.length > 0) return fail('a proof between trees of the same size must be empty');
    return sameBytes(fromRoot, toRoot) ? PASS : fail(`two different roots for the same size ${toSize}`);
  }

  // 1.
  if (proof.length === 0) return fail('the consistency proof is empty');
  // 2. The old root is a node of the new tree, so the proof leaves it out: put it back.
  const path = isPowerOfTwo(fromSize) ? [fromRoot, ...proof] : [...proof];
  // 3.
  let fn = fromSize - 1;
  let sn = toSize - 1;
  // 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  // 6.
  for (const c of path.slice(1)) {
    // 6a.
    if (sn === 0) return fail(`the proof has more hashes than trees of sizes ${fromSize} and ${toSize} need`);
    // 6b.
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      // 6b.iii.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    // 6c.
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  if (sn !== 0) return fail(`the proof has fewer hashes than trees of sizes ${fromSize} and ${toSize} need`);
  if (!sameBytes(fr, fromRoot)) return fail('the proof does not lead to the first root');
  if (!sameBytes(sr, toRoot)) return fail('the proof does not lead to the second root');
  return PASS;
}

/** Constant-time is not needed: every hash compared here is public. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && !isOdd(m)) m = half(m);
  return m === 1;
}

function badCount(name: string, value: number): Verdict | undefined {
  return Number.isSafeInteger(value) && value >= 0 ? undefined : fail(`${name} ${String(value)} is not an integer from 0 to 2^53 - 1`);
}

function badHash(name: string, hash: unknown): Verdict | undefined {
  return hash instanceof Uint8Array && hash.length === HASH_SIZE ? undefined : fail(`${name} is not a ${HASH_SIZE}-byte hash`);
}

function badPath(name: string, hashes: readonly unknown[]): Verdict | undefined {
  if (!Array.isArray(hashes)) return fail(`${name} is not a list of hashes`);
  for (const [i, hash] of hashes.entries()) {
    const wrong = badHash(`${name}[${i}]`, hash);
    if (wrong) return wrong;
  }
  return undefined;
}
