import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { leafHash, verifyConsistency, verifyInclusion } from '#verifier';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store.js';
import type { RecordedEvent } from '../event-store.port.js';
import { allEvents, metadata, newEvents } from '../testing/contract-fixtures.js';
import { openLogProofs, testLedger } from '../testing/log-proofs.js';
import { SqliteTamperer } from '../testing/sqlite-tamper.js';
import { CheckpointBook } from '../transparency/checkpoint-book.js';
import { LogTree } from '../transparency/log-tree.js';
import { openTransparencyDatabase } from '../transparency/transparency-database.js';
import { verifyLog } from '../transparency/verify-log.js';
import { DISPOSAL_STREAM } from './disposal-record.js';

let dir: string;
let files = 0;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disposal-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const targetsOf = (events: readonly RecordedEvent[]) => events.map(({ eventId, position, hash }) => ({ eventId, position, hash }));

/**
 * A SQLite file and its proofs file: deal-1@0–2 and deal-2@0 (positions 1–4), a checkpoint
 * of those four, deal-1@0 and @1 disposed of (the disposal at 5), a checkpoint of five.
 */
async function disposedFiles() {
  const file = path.join(dir, `store-${++files}.sqlite`);
  const proofsFile = path.join(dir, `proofs-${files}.sqlite`);
  const store = await SqliteEventStore.open({ file, synchronous: 'NORMAL' });
  const proofs = await openLogProofs(store, { file: proofsFile });
  try {
    await store.append('deal-1', newEvents(3), 'no_stream');
    await store.append('deal-2', newEvents(1), 'no_stream');
    const before = await allEvents(store);
    const first = await proofs.checkpoint();
    const disposalId = randomUUID();
    await store.disposePayloads({ eventId: disposalId, data: { reason: 'past retention' }, metadata: metadata({ actor: 'records-admin' }), targets: targetsOf(before.slice(0, 2)) });
    const second = await proofs.checkpoint();
    return { file, proofsFile, before, disposalId, first, second };
  } finally {
    await proofs.close();
    await store.close();
  }
}

async function verifyFiles(files: { file: string; proofsFile: string }) {
  const store = await SqliteEventStore.open({ file: files.file });
  const db = openTransparencyDatabase(files.proofsFile);
  try {
    const checkpoints = new CheckpointBook(db).allPublished().map((c) => ({ note: c.note, source: `checkpoint ${c.treeSize}` }));
    return await verifyLog(store, { checkpoints, ledgerKeys: [testLedger.key], tree: new LogTree(db), densePositions: true, storage: 'thorough' });
  } finally {
    db.close();
    await store.close();
  }
}

function tamper(file: string, edit: (t: SqliteTamperer) => void): void {
  const t = new SqliteTamperer(file);
  try {
    edit(t);
  } finally {
    t.close();
  }
}

describe('a log with disposed events', () => {
  it('verifies: chain, the tree it had before the disposal, and both checkpoints', async () => {
    const files = await disposedFiles();
    const report = await verifyFiles(files);
    expect(report).toMatchObject({ ok: true, events: 5, checkpoints: [{ treeSize: 4 }, { treeSize: 5 }] });
  });

  it('keeps every inclusion proof and the consistency proof between the checkpoints before and after it valid', async () => {
    const { proofsFile, before, first, second } = await disposedFiles();
    const db = openTransparencyDatabase(proofsFile);
    try {
      const tree = new LogTree(db);
      const store = await SqliteEventStore.open({ file: path.join(dir, `store-${files}.sqlite`) });
      const after = await allEvents(store);
      await store.close();
      for (const [i, event] of after.entries()) {
        const leaf = leafHash(Buffer.from(event.hash, 'hex'));
        expect(verifyInclusion({ leafIndex: i, treeSize: 5, leafHash: leaf, auditPath: tree.inclusionProof(i, 5), root: second.root })).toMatchObject({ ok: true });
      }
      // The disposed event is still the leaf the first checkpoint signed.
      const disposedLeaf = leafHash(Buffer.from(before[0]!.hash, 'hex'));
      expect(verifyInclusion({ leafIndex: 0, treeSize: 4, leafHash: disposedLeaf, auditPath: tree.inclusionProof(0, 4), root: first.root })).toMatchObject({ ok: true });
      expect(verifyConsistency({ fromSize: 4, toSize: 5, fromRoot: first.root, toRoot: second.root, proof: tree.consistencyProof(4, 5) })).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });

  it('gives the same tree when the tree is built again from the log after the disposal', async () => {
    const { file, second } = await disposedFiles();
    const store = await SqliteEventStore.open({ file });
    const rebuilt = await openLogProofs(store);
    try {
      expect(await rebuilt.follower.catchUp(10_000)).toBe(true);
      expect(rebuilt.follower.status()).toMatchObject({ state: 'following', size: 5 });
      expect(rebuilt.tree.root(5).equals(second.root)).toBe(true);
    } finally {
      await rebuilt.close();
      await store.close();
    }
  });

  it('names an event emptied by hand that no recorded disposal names, even with a real disposal to claim', async () => {
    const files = await disposedFiles();
    tamper(files.file, (t) => t.disposeByHand(3, files.disposalId));
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'CHAIN.DISPOSAL_UNRECORDED', position: 3, streamId: 'deal-1', revision: 2 });
  });

  it('names an event emptied by hand in a ledger that never disposed of anything', async () => {
    const file = path.join(dir, `store-${++files}.sqlite`);
    const store = await SqliteEventStore.open({ file, synchronous: 'NORMAL' });
    await store.append('deal-1', newEvents(2), 'no_stream');
    await store.close();
    tamper(file, (t) => t.disposeByHand(1, randomUUID()));
    const reopened = await SqliteEventStore.open({ file });
    try {
      expect((await verifyLog(reopened, { densePositions: true })).problem).toMatchObject({ code: 'CHAIN.DISPOSAL_UNRECORDED', position: 1 });
    } finally {
      await reopened.close();
    }
  });

  it.each([
    ['its hash replaced', (t: SqliteTamperer) => t.setColumn(1, 'hash', 'a'.repeat(64))],
    ['its type changed (the hash can no longer be recomputed over it)', (t: SqliteTamperer) => t.setColumn(1, 'type', 'SomethingElse.v1')],
    ['its commit time changed', (t: SqliteTamperer) => t.setColumn(1, 'recorded_at', '2000-01-01T00:00:00.000Z')],
    ['a payload written back under its disposal (no hash covers it)', (t: SqliteTamperer) => t.setColumn(1, 'data', '{"price":999999,"forged":true}')],
    ['metadata written back under its disposal', (t: SqliteTamperer) => t.setColumn(1, 'metadata', '{"actor":"someone"}')],
  ])('names a disposed event with %s', async (_, edit) => {
    const files = await disposedFiles();
    tamper(files.file, edit);
    const problem = (await verifyFiles(files)).problem;
    expect(problem?.position).toBe(1);
    expect(['CHAIN.HASH_MISMATCH', 'CHAIN.RECORDED_AT_DECREASES']).toContain(problem?.code);
  });

  it('names a disposal record edited to name one more event', async () => {
    const files = await disposedFiles();
    tamper(files.file, (t) => {
      const record = t.row(5);
      const data = JSON.parse(record.data) as { events: unknown[] };
      const third = t.row(3);
      data.events.push({ eventId: third.event_id, streamId: third.stream_id, revision: third.revision, position: 3, type: third.type, recordedAt: third.recorded_at, hash: third.hash });
      t.setColumn(5, 'data', JSON.stringify(data));
      t.disposeByHand(3, files.disposalId);
    });
    expect((await verifyFiles(files)).problem).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', streamId: DISPOSAL_STREAM });
  });

  it('writes nothing when the disposal cannot commit (another writer holds the file)', async () => {
    const file = path.join(dir, `store-${++files}.sqlite`);
    const store = await SqliteEventStore.open({ file, synchronous: 'NORMAL', busyTimeoutMs: 50 });
    const other = new Database(file);
    try {
      await store.append('deal-1', newEvents(2), 'no_stream');
      const before = await allEvents(store);
      other.exec('BEGIN IMMEDIATE');
      const refused = store.disposePayloads({ eventId: randomUUID(), data: {}, metadata: metadata(), targets: targetsOf(before) });
      await expect(refused).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
      other.exec('ROLLBACK');
      expect(await allEvents(store)).toEqual(before);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('lets no update through the file but the one a disposal makes', async () => {
    const { file } = await disposedFiles();
    const raw = new Database(file);
    try {
      expect(() => raw.prepare("UPDATE events SET data = '{\"n\":7}' WHERE position = 3").run()).toThrow(/immutable/);
      // Emptied already: not a second time, not even its mark.
      expect(() => raw.prepare("UPDATE events SET disposal = '{}' WHERE position = 1").run()).toThrow(/immutable/);
      // A disposal shape that also moves the event.
      expect(() => raw.prepare("UPDATE events SET data = '{}', metadata = '{}', disposal = '{}', revision = 9 WHERE position = 3").run()).toThrow(/immutable/);
    } finally {
      raw.close();
    }
  });
});
