import { emptyTreeRoot, HASH_SIZE, nodeHash } from './merkle.js';

/**
 * Builds the RFC 9162 §2.1.1 tree root of a stream of leaf hashes while holding only
 * O(log n) hashes: the roots of the perfect subtrees that the tree's leaves split into,
 * one per set bit of the size, largest (leftmost) first. A tree of 13 = 8 + 4 + 1 leaves
 * keeps three: MTH(D[0:8]), MTH(D[8:12]), MTH(D[12:13]).
 *
 * Why this is MTH: MTH splits n leaves at the largest power of two k < n, so the left
 * part is a perfect subtree and the right part splits the same way; the root is the
 * subtree roots hashed together from the right (`root()`).
 */
export class CompactRange {
  #size = 0;
  /** Perfect subtree roots, leftmost (largest) first; their sizes are the set bits of #size. */
  readonly #subtrees: Buffer[] = [];

  /** Resumes from a saved `frontier()` of a tree of `size` leaves. */
  static fromFrontier(size: number, frontier: readonly Uint8Array[]): CompactRange {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`size ${size} is not an integer from 0 to 2^53 - 1`);
    if (frontier.length !== setBits(size)) {
      throw new RangeError(`a tree of ${size} leaves has ${setBits(size)} perfect subtrees, not ${frontier.length}`);
    }
    const range = new CompactRange();
    for (const hash of frontier) range.#subtrees.push(copyOfHash(hash));
    range.#size = size;
    return range;
  }

  /** How many leaves were appended. */
  get size(): number {
    return this.#size;
  }

  /** Adds the next leaf: its leaf hash (leafHash(data)), not its data. */
  append(leafHash: Uint8Array): void {
    if (this.#size === Number.MAX_SAFE_INTEGER) throw new RangeError('the tree is full (2^53 - 1 leaves)');
    let hash = copyOfHash(leafHash);
    // Each trailing set bit of the old size is a perfect subtree as large as the one being
    // built: merge them, as binary addition carries.
    for (let n = this.#size; n % 2 === 1; n = Math.floor(n / 2)) {
      hash = nodeHash(this.#subtrees.pop()!, hash);
    }
    this.#subtrees.push(hash);
    this.#size += 1;
  }

  /** MTH of the leaves appended so far (the empty tree's root before the first). */
  root(): Buffer {
    if (this.#subtrees.length === 0) return emptyTreeRoot();
    let root = this.#subtrees[this.#subtrees.length - 1]!;
    for (let i = this.#subtrees.length - 2; i >= 0; i--) root = nodeHash(this.#subtrees[i]!, root);
    return root;
  }

  /** The perfect subtree roots, leftmost first: with `size`, all that `fromFrontier` needs to resume. */
  frontier(): Buffer[] {
    return this.#subtrees.map((hash) => Buffer.from(hash));
  }
}

function setBits(n: number): number {
  let count = 0;
  for (let m = n; m > 0; m = Math.floor(m / 2)) count += m % 2;
  return count;
}

function copyOfHash(hash: Uint8Array): Buffer {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) throw new TypeError(`a leaf or node hash has ${HASH_SIZE} bytes`);
  return Buffer.from(hash);
}
