import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';

/** A stream head as a checkpoint lists it. */
export type HeadEntry = [streamId: string, revision: number, hash: string];

/**
 * The stream heads a checkpoint signs form a Merkle tree (RFC 9162 §2.1: leaves and nodes
 * hashed apart with a 0x00 / 0x01 prefix, the left subtree the largest power of two). Its
 * root is what is signed, so one deal's evidence can prove its head is among the signed
 * ones with log2(streams) hashes, without listing, and so disclosing, every other deal.
 */
export function headsRoot(heads: readonly HeadEntry[]): string {
  return treeHash(sortedLeaves(heads)).toString('hex');
}

/** Proves that `streamId`'s head is in the tree of `heads`; undefined when the stream is not among them. */
export function headInclusionProof(heads: readonly HeadEntry[], streamId: string): HeadInclusionProof | undefined {
  const sorted = sortHeads(heads);
  const leafIndex = sorted.findIndex(([id]) => id === streamId);
  if (leafIndex < 0) return undefined;
  const leaves = sorted.map(leafHash);
  return { head: sorted[leafIndex]!, leafIndex, treeSize: leaves.length, path: auditPath(leafIndex, leaves).map((h) => h.toString('hex')) };
}

export interface HeadInclusionProof {
  head: HeadEntry;
  leafIndex: number;
  treeSize: number;
  /** Sibling hashes from the leaf up (hex). */
  path: string[];
}

/** The root a proof leads to (RFC 9162 §2.1.3.2), or undefined if the proof is not well formed. */
export function rootOfInclusionProof(proof: HeadInclusionProof): string | undefined {
  const { leafIndex, treeSize, path } = proof;
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash(proof.head);
  for (const hex of path) {
    if (sn === 0 || !/^[0-9a-f]{64}$/.test(hex)) return undefined;
    const p = Buffer.from(hex, 'hex');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r.toString('hex') : undefined;
}

function sortHeads(heads: readonly HeadEntry[]): HeadEntry[] {
  // Code-unit order, as canonical JSON sorts keys: the same in every language.
  return [...heads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sortedLeaves(heads: readonly HeadEntry[]): Buffer[] {
  return sortHeads(heads).map(leafHash);
}

function leafHash(entry: HeadEntry): Buffer {
  return createHash('sha256').update(Buffer.from([0])).update(canonicalJson(entry)).digest();
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
}

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH: the hash of an empty tree is SHA-256 of nothing. */
function treeHash(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeHash(treeHash(leaves.slice(0, k)), treeHash(leaves.slice(k)));
}

function auditPath(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...auditPath(m, leaves.slice(0, k)), treeHash(leaves.slice(k))]
    : [...auditPath(m - k, leaves.slice(k)), treeHash(leaves.slice(0, k))];
}
