import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { ED25519_NOTE, verifierKeyFromPublicKey } from '#verifier';
import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store.js';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store.js';
import type { EventStore } from '../event-store.port.js';
import { metadata, newEvent, newEvents } from '../testing/contract-fixtures.js';
import { openLogProofs, testLedger, TEST_ORIGIN, type LogProofs } from '../testing/log-proofs.js';
import { hideStreamFromCategoryIndex, SqliteTamperer } from '../testing/sqlite-tamper.js';
import { CheckpointBook } from './checkpoint-book.js';
import { LogTree } from './log-tree.js';
import { openTransparencyDatabase } from './transparency-database.js';
import { verifyLog, type VerificationProgress, type VerifyLogOptions } from './verify-log.js';

let dir: string;
let files = 0;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-log-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A SQLite file and its proofs file: deal-1 (revisions 0–4), deal-2 (0–2) and fund-1 (0),
 * interleaved; a checkpoint signed after the first six events, three more events after it.
 *   1 deal-1@0  2 deal-2@0  3 deal-1@1  4 deal-2@1  5 deal-1@2  6 fund-1@0  | checkpoint of 6
 *   7 deal-1@3  8 deal-2@2  9 deal-1@4
 */
async function storeFiles(): Promise<{ file: string; proofsFile: string; checkpointNote: string }> {
  const file = path.join(dir, `store-${++files}.sqlite`);
  const proofsFile = path.join(dir, `proofs-${files}.sqlite`);
  const store = await SqliteEventStore.open({ file, synchronous: 'NORMAL' });
  const proofs = await openLogProofs(store, { file: proofsFile });
  try {
    for (const [streamId, expected] of [['deal-1', 'no_stream'], ['deal-2', 'no_stream'], ['deal-1', 0], ['deal-2', 0], ['deal-1', 1]] as const) {
      await store.append(streamId, [newEvent({ data: { amount: '110000000', party: 'jogmec' } })], expected);
    }
    await store.append('fund-1', newEvents(1), 'no_stream');
    const { note } = await proofs.checkpoint();
    await store.append('deal-1', newEvents(1), 2);
    await store.append('deal-2', newEvents(1), 1);
    await store.append('deal-1', newEvents(1), 3);
    await proofs.follower.catchUp();
    return { file, proofsFile, checkpointNote: note };
  } finally {
    await proofs.close();
    await store.close();
  }
}

/** The same files with deal-2's first event changed and its chain's hashes recomputed to fit. */
async function rewrittenStoreFiles(): ReturnType<typeof storeFiles> {
  const files = await storeFiles();
  tamper(files.file, (t) => {
    t.flipPayloadByte(2);
    t.rechain('deal-2');
  });
  return files;
}

/** Verifies the files as `ledger verify` does: the proofs file's tree and checkpoints, and any more given. */
async function verifyFiles(
  files: { file: string; proofsFile?: string },
  options: Partial<VerifyLogOptions> & { extraCheckpoints?: { note: string; source: string }[] } = {},
) {
  const store = await SqliteEventStore.open({ file: files.file });
  const proofsDb = files.proofsFile ? openTransparencyDatabase(files.proofsFile) : undefined;
  try {
    const stored = proofsDb ? new CheckpointBook(proofsDb).allPublished().map((c) => ({ note: c.note, source: `checkpoint ${c.treeSize}` })) : [];
    return await verifyLog(store, {
      checkpoints: [...stored, ...(options.extraCheckpoints ?? [])],
      ledgerKeys: [testLedger.key],
      ...(proofsDb ? { tree: new LogTree(proofsDb) } : {}),
      densePositions: true,
      storage: 'thorough',
      ...options,
    });
  } finally {
    proofsDb?.close();
    await store.close();
  }
}

function tamper(file: string, edit: (t: SqliteTamperer) => void): void {
  const tamperer = new SqliteTamperer(file);
  try {
    edit(tamperer);
  } finally {
    tamperer.close();
  }
}

describe('verifyLog on a SQLite file and its proofs', () => {
  it('finds a clean ledger clean: every event, its tree, and the checkpoint that signed its first six', async () => {
    const files = await storeFiles();
    const report = await verifyFiles(files);
    expect(report).toMatchObject({ ok: true, upTo: 9, events: 9, streams: 3, root: expect.any(String) });
    expect(report.checkpoints).toEqual([{ treeSize: 6, root: expect.any(String), origin: TEST_ORIGIN, sources: ['checkpoint 6'], cosigners: [] }]);
  });

  it('names the event one byte of whose payload changed', async () => {
    const files = await storeFiles();
    let hash = '';
    tamper(files.file, (t) => {
      hash = t.row(4).hash;
      t.flipPayloadByte(4);
    });
    expect((await verifyFiles(files)).problem).toMatchObject({
      code: 'CHAIN.HASH_MISMATCH',
      streamId: 'deal-2',
      revision: 1,
      position: 4,
      foundHash: hash,
      expectedHash: expect.not.stringMatching(hash),
    });
  });

  it('names the event a metadata field of which changed, and a forged hash', async () => {
    const files = await storeFiles();
    tamper(files.file, (t) => t.setMetadataField(8, 'actor', 'someone-else'));
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', streamId: 'deal-2', revision: 2, position: 8 });
    const other = await storeFiles();
    tamper(other.file, (t) => t.setColumn(9, 'hash', 'f'.repeat(64)));
    expect((await verifyFiles(other)).problem).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', position: 9, foundHash: 'f'.repeat(64) });
  });

  it('names the gap a deleted event leaves, and a renumbered event', async () => {
    const files = await storeFiles();
    tamper(files.file, (t) => t.deleteRow(3));
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'CHAIN.POSITION_NOT_INCREASING', streamId: 'deal-2', position: 4 });
    const renumbered = await storeFiles();
    tamper(renumbered.file, (t) => t.renumber(9, 12));
    expect((await verifyFiles(renumbered)).problem).toMatchObject({ code: 'CHAIN.POSITION_NOT_INCREASING', position: 12 });
  });

  it.each([
    ['event_id', '0190f5d2-0000-7000-8000-00000000beef', 'CHAIN.HASH_MISMATCH'],
    ['stream_id', 'deal-9', 'CHAIN.UNEXPECTED_REVISION'],
    ['type', 'Forged.v1', 'CHAIN.HASH_MISMATCH'],
    ['recorded_at', '2031-01-01T00:00:00.000Z', 'CHAIN.HASH_MISMATCH'],
  ] as const)('names the event whose %s alone was edited', async (column, value, code) => {
    const files = await storeFiles();
    tamper(files.file, (t) => t.setColumn(4, column, value));
    expect((await verifyFiles(files)).problem).toMatchObject({ code, position: 4 });
  });

  it('names the event whose revision alone was edited', async () => {
    const files = await storeFiles();
    tamper(files.file, (t) => t.setColumn(9, 'revision', '7'));
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'CHAIN.UNEXPECTED_REVISION', position: 9, revision: 7, expectedRevision: 4 });
  });

  it('names a swapped pair of rows', async () => {
    const files = await storeFiles();
    tamper(files.file, (t) => t.swapRows(3, 5));
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'CHAIN.UNEXPECTED_REVISION', streamId: 'deal-1', position: 3, revision: 2, expectedRevision: 1 });
  });

  it('names the event of a history rewritten with recomputed hashes: it is not the leaf the tree took in', async () => {
    const files = await rewrittenStoreFiles();
    const store = await SqliteEventStore.open({ file: files.file });
    // The chains alone fit again: this is what the tree and the checkpoints are for.
    expect((await verifyLog(store, { densePositions: true })).ok).toBe(true);
    await store.close();
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'TREE.LEAF_MISMATCH', streamId: 'deal-2', revision: 0, position: 2, leafIndex: 1 });
  });

  it('catches that rewrite through the checkpoint when the proofs file was rebuilt or deleted too', async () => {
    const files = await rewrittenStoreFiles();
    // Only the checkpoint kept elsewhere is left: its root is not the rewritten log's.
    const report = await verifyFiles({ file: files.file }, { extraCheckpoints: [{ note: files.checkpointNote, source: 'kept elsewhere' }] });
    expect(report.problem).toMatchObject({
      code: 'CHECKPOINT.ROOT_MISMATCH',
      checkpoint: { treeSize: 6, source: 'kept elsewhere' },
      expectedHash: expect.any(String),
      foundHash: expect.any(String),
    });
  });

  it('catches a truncated tail through the checkpoint beyond it, and through the tree when no checkpoint reaches the cut', async () => {
    const files = await storeFiles();
    tamper(files.file, (t) => t.truncateAfter(5));
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'CHECKPOINT.BEYOND_HEAD', position: 5, checkpoint: { treeSize: 6 } });
    const cut = await storeFiles();
    tamper(cut.file, (t) => t.truncateAfter(7));
    // No checkpoint beyond the cut: the tree still holds the leaves the log lost.
    expect((await verifyFiles(cut)).problem).toMatchObject({ code: 'TREE.AHEAD_OF_LOG', position: 7, leafIndex: 8 });
  });

  it('catches a forged checkpoint signature, a checkpoint signed by another key, and none trusted', async () => {
    const files = await storeFiles();
    // One bit of the Ed25519 signature flipped (after the line's 4-byte key id).
    const [text, line] = files.checkpointNote.split('\n\n') as [string, string];
    const [dash, name, signature] = line.trimEnd().split(' ') as [string, string, string];
    const bytes = Buffer.from(signature, 'base64');
    bytes[10]! ^= 1;
    const forged = `${text}\n\n${dash} ${name} ${bytes.toString('base64')}\n`;
    expect((await verifyFiles({ file: files.file }, { extraCheckpoints: [{ note: forged, source: 'forged' }] })).problem).toMatchObject({
      code: 'CHECKPOINT.SIGNATURE_INVALID',
      checkpoint: { source: 'forged' },
    });
    const other = generateKeyPairSync('ed25519').publicKey;
    expect((await verifyFiles(files, { ledgerKeys: [verifierKeyFromPublicKey(TEST_ORIGIN, other, ED25519_NOTE)] })).problem?.code).toBe('CHECKPOINT.UNTRUSTED_KEY');
    expect((await verifyFiles(files, { ledgerKeys: [] })).problem?.code).toBe('CHECKPOINT.NO_TRUSTED_KEY');
    expect((await verifyFiles({ file: files.file }, { extraCheckpoints: [{ note: 'not a note', source: 'junk' }] })).problem?.code).toBe('CHECKPOINT.MALFORMED');
  });

  it('names both checkpoints of a fork: two roots signed for one size', async () => {
    const files = await storeFiles();
    // The same key signs a tree of six other events: what a forking ledger shows someone else.
    const elsewhere = new InMemoryEventStore();
    await elsewhere.append('other', newEvents(6), 'no_stream');
    const forkProofs = await openLogProofs(elsewhere);
    const fork = await forkProofs.checkpoint();
    await forkProofs.close();
    expect(fork.treeSize).toBe(6);
    expect((await verifyFiles(files, { extraCheckpoints: [{ note: fork.note, source: 'shown to someone else' }] })).problem).toMatchObject({
      code: 'CHECKPOINT.INCONSISTENT',
      checkpoint: { treeSize: 6, source: 'checkpoint 6' },
      otherCheckpoint: { treeSize: 6, source: 'shown to someone else' },
    });
  });

  it('names an event whose stored JSON no longer parses', async () => {
    const files = await storeFiles();
    tamper(files.file, (t) => t.setColumn(5, 'data', '{"amount": 11'));
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'CHAIN.UNREADABLE_EVENT', streamId: 'deal-1', revision: 2, position: 5 });
  });

  it('names a schema whose triggers were dropped, and a category index edited to hide a stream', async () => {
    const files = await storeFiles();
    tamper(files.file, (t) => t.leaveTriggersDropped());
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'STORE.SCHEMA_ALTERED', message: expect.stringContaining('trigger events_no_') });

    const hidden = await storeFiles();
    hideStreamFromCategoryIndex(hidden.file, 'deal-2');
    const store = await SqliteEventStore.open({ file: hidden.file });
    const seen: string[] = [];
    for await (const event of store.readAll({ filter: { categories: ['deal'] } })) seen.push(event.streamId);
    await store.close();
    expect(seen).not.toContain('deal-2'); // what the edit does to every subscriber of the category
    expect((await verifyFiles(hidden)).problem).toMatchObject({ code: 'STORE.FILE_DAMAGED', message: expect.stringContaining('events_by_category') });
  });

  it('reports progress in position order, ending at the head', async () => {
    const files = await storeFiles();
    const seen: VerificationProgress[] = [];
    await verifyFiles(files, { progressEvery: 3, yieldEvery: 2, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.position)).toEqual([0, 3, 6, 9, 9]);
    expect(seen.at(-1)).toEqual({ position: 9, upTo: 9, events: 9 });
  });
});

describe('verifyLog on clean random stores (no false alarm)', () => {
  const writes = fc.array(
    fc.record({
      streams: fc.uniqueArray(fc.constantFrom('deal-a', 'deal-b', 'deal-c-1', 'fund-x'), { minLength: 1, maxLength: 3 }),
      count: fc.integer({ min: 1, max: 3 }),
      data: fc.jsonValue({ maxDepth: 2 }),
      actor: fc.string({ maxLength: 8 }),
      // A checkpoint after about one write in three: each one must match the log.
      checkpointAfter: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
    }),
    { minLength: 1, maxLength: 6 },
  );
  type Writes = typeof writes extends fc.Arbitrary<infer T> ? T : never;

  async function fill(store: EventStore, proofs: LogProofs, batch: Writes) {
    for (const { streams, count, data, actor, checkpointAfter } of batch) {
      await store.appendMany(
        streams.map((streamId) => ({
          streamId,
          events: Array.from({ length: count }, () => newEvent({ data: { value: JSON.parse(JSON.stringify(data ?? null)) }, metadata: metadata({ actor }) })),
          expectedRevision: 'any' as const,
        })),
      );
      if (checkpointAfter) await proofs.checkpoint();
    }
    await proofs.follower.catchUp();
    return verifyLog(store, {
      checkpoints: proofs.book.allPublished().map((c) => ({ note: c.note, source: String(c.treeSize) })),
      ledgerKeys: [testLedger.key],
      tree: proofs.tree,
      densePositions: true,
    });
  }

  it('1,000 in-memory stores, with checkpoints signed along the way, all verify', async () => {
    await fc.assert(
      fc.asyncProperty(writes, async (batch) => {
        const store = new InMemoryEventStore();
        const proofs = await openLogProofs(store);
        try {
          const report = await fill(store, proofs, batch);
          expect(report.problem).toBeUndefined();
          expect(report.checkpoints).toHaveLength(proofs.book.allPublished().length);
        } finally {
          await proofs.close();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a few SQLite files verify too', async () => {
    await fc.assert(
      fc.asyncProperty(writes, async (batch) => {
        const store = await SqliteEventStore.open({ file: path.join(dir, `random-${++files}.sqlite`), synchronous: 'NORMAL' });
        const proofs = await openLogProofs(store);
        try {
          expect((await fill(store, proofs, batch)).problem).toBeUndefined();
        } finally {
          await proofs.close();
          await store.close();
        }
      }),
      { numRuns: 10 },
    );
  });
});
