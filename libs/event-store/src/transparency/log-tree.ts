import type { Database, Statement } from 'better-sqlite3';
import { emptyTreeRoot, leafHash, nodeHash } from '#verifier';
import { EventStoreError } from '../event-store.errors.js';
import { completeSubtrees, splitPoint, storedHashIndex } from './stored-hash-index.js';

/** A leaf to append: the event's position (its cursor) and its 32-byte chain hash. */
export interface NewLeaf {
  position: number;
  eventHash: Buffer;
}

/**
 * The RFC 9162 Merkle tree over the whole log, kept in the proofs file: leaf i is the i-th
 * event of the log, its data the event's chain hash. Only complete subtrees are stored, so
 * everything below is computed from O(log n) reads and a proof for an old size is as cheap
 * as one for the current size.
 *
 * Appends are not checked here: the follower (log-tree-follower.ts) checks each event
 * against its stream before it becomes a leaf. Several processes may hold the file; every
 * write re-reads the size inside its transaction.
 */
export class LogTree {
  private readonly readHash: Statement<[number], Buffer>;
  private readonly writeHash: Statement<[number, Buffer]>;
  private readonly writeLeaf: Statement<[number, number]>;
  private readonly readSize: Statement<[], number>;
  private readonly readPosition: Statement<[number], number>;
  private readonly readLeafIndex: Statement<[number], number>;
  private readonly readLastPosition: Statement<[], number>;

  constructor(private readonly db: Database) {
    this.readHash = db.prepare<[number], Buffer>('SELECT hash FROM tree_hashes WHERE idx = ?').pluck();
    this.writeHash = db.prepare<[number, Buffer]>('INSERT INTO tree_hashes (idx, hash) VALUES (?, ?)');
    this.writeLeaf = db.prepare<[number, number]>('INSERT INTO tree_leaves (leaf_index, position) VALUES (?, ?)');
    this.readSize = db.prepare<[], number>('SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM tree_leaves').pluck();
    this.readPosition = db.prepare<[number], number>('SELECT position FROM tree_leaves WHERE leaf_index = ?').pluck();
    this.readLeafIndex = db.prepare<[number], number>('SELECT leaf_index FROM tree_leaves WHERE position = ?').pluck();
    this.readLastPosition = db.prepare<[], number>('SELECT position FROM tree_leaves ORDER BY leaf_index DESC LIMIT 1').pluck();
  }

  /** Leaves in the tree now (read from the file: another process may have added some). */
  size(): number {
    return this.readSize.get() ?? 0;
  }

  /** The position of the last leaf's event; 0 for an empty tree. */
  lastPosition(): number {
    return this.readLastPosition.get() ?? 0;
  }

  positionOf(leafIndex: number): number | undefined {
    return this.readPosition.get(leafIndex);
  }

  leafIndexOf(position: number): number | undefined {
    return this.readLeafIndex.get(position);
  }

  /** RFC 9162's leaf hash of leaf `index` (SHA-256(0x00 || event hash)). */
  leafHashAt(index: number): Buffer {
    return this.stored(0, index);
  }

  /**
   * Appends leaves in order. Call inside a transaction that first read `size()`: the leaves
   * become indexes size, size + 1, …
   */
  appendLeaves(leaves: readonly NewLeaf[], size: number): void {
    // Hashes written in this call, so completing a subtree does not read back its own writes.
    const fresh = new Map<number, Buffer>();
    const read = (index: number) => fresh.get(index) ?? this.readStoredHash(index);
    const write = (index: number, hash: Buffer) => {
      this.writeHash.run(index, hash);
      fresh.set(index, hash);
    };
    let n = size;
    for (const leaf of leaves) {
      this.writeLeaf.run(n, leaf.position);
      let hash = leafHash(leaf.eventHash);
      write(storedHashIndex(0, n), hash);
      // Each trailing 1 bit of n completes a subtree whose left half is already stored.
      for (let level = 0, m = n; m % 2 === 1; level++, m = Math.floor(m / 2)) {
        hash = nodeHash(read(storedHashIndex(level, m - 1)), hash);
        write(storedHashIndex(level + 1, Math.floor(m / 2)), hash);
      }
      n++;
    }
  }

  /** The root of the tree of the first `size` leaves (MTH of RFC 9162 §2.1.1). */
  root(size: number): Buffer {
    this.assertSize(size);
    return size === 0 ? emptyTreeRoot() : this.rangeHash(0, size);
  }

  /** The audit path of leaf `leafIndex` in the tree of `size` leaves (RFC 9162 §2.1.3.1), leaf's sibling first. */
  inclusionProof(leafIndex: number, size: number): Buffer[] {
    this.assertSize(size);
    if (!(Number.isSafeInteger(leafIndex) && leafIndex >= 0 && leafIndex < size)) {
      throw new RangeError(`Leaf ${leafIndex} is not in a tree of ${size} leaves`);
    }
    return this.path(leafIndex, 0, size);
  }

  /** The consistency proof from the tree of `from` leaves to the tree of `to` (RFC 9162 §2.1.4.1). */
  consistencyProof(from: number, to: number): Buffer[] {
    this.assertSize(to);
    if (!(Number.isSafeInteger(from) && from >= 1 && from <= to)) {
      throw new RangeError(`No consistency proof from ${from} to ${to} leaves: 1 ≤ from ≤ to`);
    }
    return this.subproof(from, 0, to, true);
  }

  /** PATH(m, D[lo:hi]). */
  private path(m: number, lo: number, hi: number): Buffer[] {
    if (hi - lo === 1) return [];
    const k = splitPoint(hi - lo);
    return m < k
      ? [...this.path(m, lo, lo + k), this.rangeHash(lo + k, hi)]
      : [...this.path(m - k, lo + k, hi), this.rangeHash(lo, lo + k)];
  }

  /** SUBPROOF(m, D[lo:hi], b). */
  private subproof(m: number, lo: number, hi: number, complete: boolean): Buffer[] {
    if (m === hi - lo) return complete ? [] : [this.rangeHash(lo, hi)];
    const k = splitPoint(hi - lo);
    return m <= k
      ? [...this.subproof(m, lo, lo + k, complete), this.rangeHash(lo + k, hi)]
      : [...this.subproof(m - k, lo + k, hi, false), this.rangeHash(lo, lo + k)];
  }

  /** MTH(D[lo:hi]) from the complete subtrees that make it up, folded from the right. */
  private rangeHash(lo: number, hi: number): Buffer {
    const parts = completeSubtrees(lo, hi).map(({ level, n }) => this.stored(level, n));
    let hash = parts.pop()!;
    while (parts.length > 0) hash = nodeHash(parts.pop()!, hash);
    return hash;
  }

  private stored(level: number, n: number): Buffer {
    return this.readStoredHash(storedHashIndex(level, n));
  }

  private readStoredHash(index: number): Buffer {
    const hash = this.readHash.get(index);
    // Only a damaged or hand-edited proofs file lacks a hash below the size it claims: an
    // internal failure, not an unavailable store, for nothing heals it on its own.
    if (!hash) throw new EventStoreError('TREE.DAMAGED', `The log tree has no stored hash ${index}: the proofs file is damaged; rebuild it`);
    return hash;
  }

  private assertSize(size: number): void {
    const current = this.size();
    if (!(Number.isSafeInteger(size) && size >= 0 && size <= current)) {
      throw new RangeError(`The log tree has ${current} leaves, not ${size}`);
    }
  }

  /** Runs `work` in one write transaction (BEGIN IMMEDIATE: other processes wait). */
  write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
