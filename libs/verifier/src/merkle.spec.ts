import { emptyTreeRoot, leafHash, nodeHash, verifyConsistency, verifyInclusion } from './merkle.js';
import { mth, path, proof } from './testing/reference-tree.js';
import { CONSISTENCY_PROBES, INCLUSION_PROBES, LEAF_INPUTS, RFC6962_HASHES, ROOT_HASHES } from './testing/transparency-dev-vectors.js';

const b64 = (text: string) => Buffer.from(text, 'base64');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
const flipBit = (hash: Uint8Array, bit: number) => {
  const copy = Buffer.from(hash);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
};
const outsider = leafHash(Buffer.from('not in the tree'));

describe('the hashes of RFC 9162 §2.1.1', () => {
  it('are those of transparency-dev/merkle for the empty tree, a leaf and a node', () => {
    expect(hex(emptyTreeRoot())).toBe(RFC6962_HASHES.emptyTree);
    expect(hex(leafHash(Buffer.alloc(0)))).toBe(RFC6962_HASHES.emptyLeaf);
    expect(hex(leafHash(Buffer.from('L123456')))).toBe(RFC6962_HASHES.leafL123456);
    expect(hex(nodeHash(Buffer.from('N123'), Buffer.from('N456')))).toBe(RFC6962_HASHES.nodeN123N456);
  });

  it('give, through the reference recursion, the published root of every prefix of the 8 published leaves', () => {
    const hashed = LEAF_INPUTS.map((input) => leafHash(Buffer.from(input, 'hex')));
    ROOT_HASHES.forEach((root, n) => expect(hex(mth(hashed.slice(0, n)))).toBe(root));
  });
});

describe('verifyInclusion (RFC 9162 §2.1.3.2)', () => {
  it.each(INCLUSION_PROBES.map((probe) => [probe.file, probe] as const))('answers as transparency-dev expects for %s', (_, probe) => {
    const verdict = verifyInclusion({
      leafIndex: probe.leafIdx,
      treeSize: probe.treeSize,
      leafHash: b64(probe.leafHash),
      auditPath: (probe.proof ?? []).map(b64),
      root: b64(probe.root),
    });
    expect(verdict.ok).toBe(!probe.wantErr);
  });

  it('accepts every audit path of every leaf of every tree of 1 to 64 leaves', () => {
    const all = leaves(64);
    for (let n = 1; n <= 64; n++) {
      const root = mth(all, 0, n);
      for (let m = 0; m < n; m++) {
        expect(verifyInclusion({ leafIndex: m, treeSize: n, leafHash: all[m]!, auditPath: path(m, all, 0, n), root })).toEqual({ ok: true });
      }
    }
  });

  it('rejects each of those paths with a bit flipped in any hash, a hash dropped or added, or another leaf', () => {
    const all = leaves(64);
    const accepted: string[] = [];
    let tried = 0;
    const reject = (claim: Parameters<typeof verifyInclusion>[0]) => {
      tried++;
      if (verifyInclusion(claim).ok) accepted.push(JSON.stringify({ ...claim, auditPath: claim.auditPath.map(hex) }));
    };
    for (let n = 1; n <= 64; n++) {
      const root = mth(all, 0, n);
      for (let m = 0; m < n; m++) {
        const auditPath = path(m, all, 0, n);
        const claim = { leafIndex: m, treeSize: n, leafHash: all[m]!, auditPath, root };
        // The bit flipped moves through every position of a hash as m and n change.
        const bit = (m * 67 + n * 13) % 256;
        auditPath.forEach((_, i) => reject({ ...claim, auditPath: auditPath.map((h, j) => (j === i ? flipBit(h, bit) : h)) }));
        reject({ ...claim, leafHash: flipBit(all[m]!, bit) });
        reject({ ...claim, root: flipBit(root, bit) });
        auditPath.forEach((_, i) => reject({ ...claim, auditPath: auditPath.filter((__, j) => j !== i) }));
        for (let i = 0; i <= auditPath.length; i++) {
          reject({ ...claim, auditPath: [...auditPath.slice(0, i), outsider, ...auditPath.slice(i)] });
        }
        reject({ ...claim, auditPath: [...auditPath, root] });
        reject({ ...claim, leafHash: outsider });
      }
    }
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThan(20_000);
  });

  it('rejects a path shown for any other index of the same tree, or against the root of a nearby or doubled or halved size', () => {
    const all = leaves(64);
    const roots = Array.from({ length: 65 }, (_, n) => mth(all, 0, n));
    const accepted: string[] = [];
    let tried = 0;
    for (let n = 1; n <= 64; n++) {
      for (let m = 0; m < n; m++) {
        const claim = { leafIndex: m, treeSize: n, leafHash: all[m]!, auditPath: path(m, all, 0, n), root: roots[n]! };
        for (let other = 0; other < n; other++) {
          if (other === m) continue;
          tried++;
          if (verifyInclusion({ ...claim, leafIndex: other }).ok) accepted.push(`leaf ${m} of ${n} as leaf ${other}`);
        }
        for (const size of [n - 2, n - 1, n + 1, n + 2, n * 2, Math.floor(n / 2), n ^ 2]) {
          if (size === n || size <= m || size > 64) continue;
          tried++;
          if (verifyInclusion({ ...claim, treeSize: size, root: roots[size]! }).ok) accepted.push(`leaf ${m} of ${n} in a tree of ${size}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThan(50_000);
  });

  it('binds the tree size only through the root: a checkpoint must sign the two together', () => {
    // The path of leaf 0 in a tree of 3 has the shape of one in a tree of 4; with the
    // root of 3 it passes for size 4. No tree of 4 leaves has that root, so a signed
    // (size, root) pair is what makes the size mean anything.
    const all = leaves(4);
    const claim = { leafIndex: 0, leafHash: all[0]!, auditPath: path(0, all, 0, 3), root: mth(all, 0, 3) };
    expect(verifyInclusion({ ...claim, treeSize: 3 }).ok).toBe(true);
    expect(verifyInclusion({ ...claim, treeSize: 4 }).ok).toBe(true);
    expect(mth(all, 0, 4).equals(mth(all, 0, 3))).toBe(false);
  });

  it('names what is wrong with its inputs instead of computing with them', () => {
    const [leaf] = leaves(1);
    const base = { leafIndex: 0, treeSize: 1, leafHash: leaf!, auditPath: [], root: leaf! };
    expect(verifyInclusion(base)).toEqual({ ok: true });
    expect(verifyInclusion({ ...base, leafIndex: 1 })).toEqual({ ok: false, reason: 'leaf index 1 is not below the tree size 1' });
    expect(verifyInclusion({ ...base, treeSize: 0 })).toEqual({ ok: false, reason: 'leaf index 0 is not below the tree size 0' });
    expect(verifyInclusion({ ...base, leafIndex: -1 }).ok).toBe(false);
    expect(verifyInclusion({ ...base, leafIndex: 0.5 }).ok).toBe(false);
    expect(verifyInclusion({ ...base, treeSize: 2 ** 53 })).toEqual({ ok: false, reason: 'treeSize 9007199254740992 is not an integer from 0 to 2^53 - 1' });
    expect(verifyInclusion({ ...base, treeSize: Number.NaN }).ok).toBe(false);
    expect(verifyInclusion({ ...base, leafHash: leaf!.subarray(1) })).toEqual({ ok: false, reason: 'leafHash is not a 32-byte hash' });
    expect(verifyInclusion({ ...base, root: Buffer.concat([leaf!, Buffer.of(0)]) })).toEqual({ ok: false, reason: 'root is not a 32-byte hash' });
    expect(verifyInclusion({ ...base, treeSize: 2, auditPath: [Buffer.alloc(31)] })).toEqual({ ok: false, reason: 'auditPath[0] is not a 32-byte hash' });
  });

  it('says whether an audit path is too long, too short, or leads elsewhere', () => {
    const all = leaves(5);
    const claim = { leafIndex: 1, treeSize: 5, leafHash: all[1]!, auditPath: path(1, all), root: mth(all) };
    expect(verifyInclusion({ ...claim, auditPath: [...claim.auditPath, outsider] })).toMatchObject({ reason: expect.stringContaining('more hashes') });
    expect(verifyInclusion({ ...claim, auditPath: claim.auditPath.slice(1) })).toMatchObject({ reason: expect.stringContaining('fewer hashes') });
    expect(verifyInclusion({ ...claim, leafHash: outsider })).toEqual({ ok: false, reason: 'the audit path leads to another root' });
  });
});

describe('verifyConsistency (RFC 9162 §2.1.4.2)', () => {
  /** Upstream accepts it: Go does not look at hash lengths when the sizes are equal. We do. */
  const STRICTER_THAN_UPSTREAM = 'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json';

  it.each(CONSISTENCY_PROBES.filter((p) => p.file !== STRICTER_THAN_UPSTREAM).map((probe) => [probe.file, probe] as const))(
    'answers as transparency-dev expects for %s',
    (_, probe) => {
      const verdict = verifyConsistency({
        fromSize: probe.size1,
        toSize: probe.size2,
        fromRoot: b64(probe.root1),
        toRoot: b64(probe.root2),
        proof: (probe.proof ?? []).map(b64),
      });
      expect(verdict.ok).toBe(!probe.wantErr);
    },
  );

  it('rejects the one upstream vector whose equal "roots" are 12 bytes long, which upstream accepts', () => {
    const probe = CONSISTENCY_PROBES.find((p) => p.file === STRICTER_THAN_UPSTREAM)!;
    expect(probe.wantErr).toBe(false);
    expect(b64(probe.root1)).toHaveLength(12);
    expect(verifyConsistency({ fromSize: 1, toSize: 1, fromRoot: b64(probe.root1), toRoot: b64(probe.root2), proof: [] })).toEqual({
      ok: false,
      reason: 'fromRoot is not a 32-byte hash',
    });
  });

  it('accepts every proof between every pair of sizes from 1 to 64, equal sizes included', () => {
    const all = leaves(64);
    for (let n = 1; n <= 64; n++) {
      for (let m = 1; m <= n; m++) {
        const claim = { fromSize: m, toSize: n, fromRoot: mth(all, 0, m), toRoot: mth(all, 0, n), proof: m < n ? proof(m, all.slice(0, n)) : [] };
        expect(verifyConsistency(claim)).toEqual({ ok: true });
      }
    }
  });

  it('rejects each of those proofs with a bit flipped in any hash, a hash dropped or added, or swapped roots', () => {
    const all = leaves(64);
    const accepted: string[] = [];
    let tried = 0;
    const reject = (claim: Parameters<typeof verifyConsistency>[0]) => {
      tried++;
      if (verifyConsistency(claim).ok) accepted.push(JSON.stringify({ ...claim, proof: claim.proof.map(hex) }));
    };
    for (let n = 2; n <= 64; n++) {
      for (let m = 1; m < n; m++) {
        const hashes = proof(m, all.slice(0, n));
        const claim = { fromSize: m, toSize: n, fromRoot: mth(all, 0, m), toRoot: mth(all, 0, n), proof: hashes };
        const bit = (m * 67 + n * 13) % 256;
        hashes.forEach((_, i) => reject({ ...claim, proof: hashes.map((h, j) => (j === i ? flipBit(h, bit) : h)) }));
        reject({ ...claim, fromRoot: flipBit(claim.fromRoot, bit) });
        reject({ ...claim, toRoot: flipBit(claim.toRoot, bit) });
        hashes.forEach((_, i) => reject({ ...claim, proof: hashes.filter((__, j) => j !== i) }));
        for (let i = 0; i <= hashes.length; i++) reject({ ...claim, proof: [...hashes.slice(0, i), outsider, ...hashes.slice(i)] });
        reject({ ...claim, proof: [claim.fromRoot, ...hashes] });
        reject({ ...claim, proof: [...hashes, claim.toRoot] });
        reject({ ...claim, fromRoot: claim.toRoot, toRoot: claim.fromRoot });
      }
    }
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThan(20_000);
  });

  it('rejects a proof shown for any other pair of sizes, each with its true roots', () => {
    const all = leaves(64);
    const roots = Array.from({ length: 65 }, (_, n) => mth(all, 0, n));
    const accepted: string[] = [];
    let tried = 0;
    for (let n = 2; n <= 64; n++) {
      for (let m = 1; m < n; m++) {
        const hashes = proof(m, all.slice(0, n));
        for (const [from, to] of [
          [m - 1, n],
          [m + 1, n],
          [m, n - 1],
          [m, n + 1],
          [m * 2, n],
          [m, n * 2],
          [Math.floor(m / 2), n],
          [m ^ 2, n],
        ] as const) {
          if ((from === m && to === n) || from < 1 || to > 64 || from >= to) continue;
          tried++;
          if (verifyConsistency({ fromSize: from, toSize: to, fromRoot: roots[from]!, toRoot: roots[to]!, proof: hashes }).ok) {
            accepted.push(`${m}→${n} as ${from}→${to}`);
          }
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThan(10_000);
  });

  it('takes the empty tree as a prefix of every tree, with an empty proof and the empty root (as C2SP tlog-witness does)', () => {
    const all = leaves(3);
    const empty = emptyTreeRoot();
    expect(verifyConsistency({ fromSize: 0, toSize: 3, fromRoot: empty, toRoot: mth(all), proof: [] })).toEqual({ ok: true });
    expect(verifyConsistency({ fromSize: 0, toSize: 0, fromRoot: empty, toRoot: empty, proof: [] })).toEqual({ ok: true });
    expect(verifyConsistency({ fromSize: 0, toSize: 3, fromRoot: empty, toRoot: mth(all), proof: [mth(all)] })).toEqual({
      ok: false,
      reason: 'a proof from the empty tree must be empty',
    });
    expect(verifyConsistency({ fromSize: 0, toSize: 3, fromRoot: all[0]!, toRoot: mth(all), proof: [] })).toEqual({
      ok: false,
      reason: 'the first root is not the root of the empty tree',
    });
    expect(verifyConsistency({ fromSize: 0, toSize: 0, fromRoot: empty, toRoot: all[0]!, proof: [] }).ok).toBe(false);
  });

  it('requires equal roots and an empty proof for equal sizes, and the smaller tree first', () => {
    const all = leaves(4);
    const root = mth(all);
    expect(verifyConsistency({ fromSize: 4, toSize: 4, fromRoot: root, toRoot: root, proof: [] })).toEqual({ ok: true });
    expect(verifyConsistency({ fromSize: 4, toSize: 4, fromRoot: root, toRoot: mth(all, 0, 3), proof: [] })).toEqual({
      ok: false,
      reason: 'two different roots for the same size 4',
    });
    expect(verifyConsistency({ fromSize: 4, toSize: 4, fromRoot: root, toRoot: root, proof: [root] }).ok).toBe(false);
    expect(verifyConsistency({ fromSize: 4, toSize: 3, fromRoot: root, toRoot: mth(all, 0, 3), proof: proof(3, all) })).toEqual({
      ok: false,
      reason: 'the first tree (size 4) is larger than the second (size 3)',
    });
    expect(verifyConsistency({ fromSize: 3, toSize: 4, fromRoot: mth(all, 0, 3), toRoot: root, proof: [] })).toEqual({
      ok: false,
      reason: 'the consistency proof is empty',
    });
    expect(verifyConsistency({ fromSize: 3, toSize: 2 ** 53, fromRoot: root, toRoot: root, proof: [root] }).ok).toBe(false);
  });

  it('says which root a forged proof fails to reach', () => {
    const all = leaves(7);
    const claim = { fromSize: 3, toSize: 7, fromRoot: mth(all, 0, 3), toRoot: mth(all), proof: proof(3, all) };
    expect(verifyConsistency({ ...claim, fromRoot: outsider })).toEqual({ ok: false, reason: 'the proof does not lead to the first root' });
    expect(verifyConsistency({ ...claim, toRoot: outsider })).toEqual({ ok: false, reason: 'the proof does not lead to the second root' });
  });
});
