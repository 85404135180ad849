import { generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointBook, InMemoryEventStore, LogTreeFollower, openTransparencyDatabase } from '#event-store';
import { formatCheckpoint, openCheckpoint, signedNote } from '#verifier';
import { newEvents } from '../../../event-store/src/testing/contract-fixtures.js';
import { eventually } from '../../../event-store/src/testing/eventually.js';
import { CheckpointScheduler } from './checkpoint-scheduler.js';
import { CheckpointSigner, type SignOutcome } from './checkpoint-signer.js';
import { SignedHistory } from './signed-history.js';
import { ledgerSigner } from './ledger-signer.js';
import { TransparencyLog } from './transparency-log.js';

async function setUp(options: { tsaUrl?: string; historyFile?: string } = {}) {
  const store = new InMemoryEventStore();
  const db = openTransparencyDatabase(':memory:');
  const follower = new LogTreeFollower(store, db, { densePositions: true });
  await follower.start();
  const log = new TransparencyLog(follower, new CheckpointBook(db));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = ledgerSigner({ privateKey, publicKey });
  let now = new Date('2026-12-03T10:00:00.000Z');
  const clock = { now: () => now, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
  const history = new SignedHistory(options.historyFile);
  const checkpoints = new CheckpointSigner(log, signer, { now: clock.now, history, ...(options.tsaUrl ? { tsa: { url: options.tsaUrl } } : {}) });
  const grow = async (events: number) => {
    await store.append(`deal-${Math.random().toString(36).slice(2)}`, newEvents(events), 'no_stream');
    await follower.catchUp();
  };
  /** The same key and its memory, over a fresh proofs file and another log: as after the proofs file was deleted and the log rewritten. */
  const freshProofsOfAnotherLog = async (events: number) => {
    const otherStore = new InMemoryEventStore();
    await otherStore.append('deal-forged', newEvents(events), 'no_stream');
    const otherDb = openTransparencyDatabase(':memory:');
    const otherFollower = new LogTreeFollower(otherStore, otherDb, { densePositions: true });
    await otherFollower.start();
    await otherFollower.catchUp();
    const otherLog = new TransparencyLog(otherFollower, new CheckpointBook(otherDb));
    return {
      signer: new CheckpointSigner(otherLog, signer, { now: clock.now, history }),
      close: async () => (await otherFollower.stop(), otherDb.close()),
    };
  };
  /** The kept checkpoint of `treeSize` replaced by one its key signed over another root: as after a proofs file rebuilt from a rewritten log. */
  const keepAnotherRoot = (treeSize: number) => {
    const text = formatCheckpoint({ origin: signer.origin, treeSize, rootHash: Buffer.alloc(32, 7), extensions: [] });
    db.prepare('UPDATE checkpoints SET note = ? WHERE tree_size = ?').run(signedNote(text, { name: signer.origin, privateKey }), treeSize);
  };
  return { store, db, follower, log, signer, checkpoints, clock, grow, freshProofsOfAnotherLog, keepAnotherRoot, close: async () => (await follower.stop(), db.close()) };
}

describe('CheckpointSigner', () => {
  it('signs a C2SP checkpoint of the whole tree, under the ledger origin, once per size', async () => {
    const t = await setUp();
    expect(await t.checkpoints.sign()).toEqual({ unchanged: undefined });
    await t.grow(3);
    const outcome = await t.checkpoints.sign();
    if (!('signed' in outcome)) throw new Error('not signed');
    const opened = openCheckpoint(outcome.signed.note, t.signer.verifierKey);
    expect(opened.ok && [opened.checkpoint.origin, opened.checkpoint.treeSize]).toEqual([t.signer.origin, 3]);
    expect(t.signer.origin).toMatch(/^deal-ledger\.local\/[0-9a-f]{16}$/);
    expect(await t.checkpoints.sign()).toEqual({ unchanged: outcome.signed });
    await t.close();
  });

  it('refuses to sign a tree that no longer extends its last checkpoint', async () => {
    const t = await setUp();
    await t.grow(2);
    await t.checkpoints.sign();
    t.keepAnotherRoot(2);
    await t.grow(1);
    expect(await t.checkpoints.sign()).toMatchObject({ refused: { code: 'CHECKPOINT.ROOT_MISMATCH', checkpoint: { treeSize: 2 } } });
    expect(t.log.book.latest()!.treeSize).toBe(2);
    await t.close();
  });

  it('remembers beside its key what it signed: a rewritten log with a fresh proofs file is not signed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signed-history-'));
    try {
      const t = await setUp({ historyFile: join(dir, 'key.pem.last-checkpoint') });
      await t.grow(4);
      expect(await t.checkpoints.sign()).toHaveProperty('signed.treeSize', 4);
      // A shorter log (cut back, being rebuilt): nothing to sign yet.
      const shorter = await t.freshProofsOfAnotherLog(3);
      expect(await shorter.signer.sign()).toEqual({ unchanged: undefined });
      await shorter.close();
      // A longer one that does not extend what was signed: refused.
      const rewritten = await t.freshProofsOfAnotherLog(6);
      expect(await rewritten.signer.sign()).toMatchObject({ refused: { code: 'CHECKPOINT.ROOT_MISMATCH', checkpoint: { treeSize: 4, source: "the signing key's last checkpoint" } } });
      await rewritten.close();
      await t.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the checkpoint when the TSA fails, says why, and asks again later', async () => {
    const t = await setUp({ tsaUrl: 'http://127.0.0.1:1/tsa' });
    await t.grow(2);
    const outcome = await t.checkpoints.sign();
    expect(outcome).toMatchObject({ signed: { treeSize: 2 }, timestampError: expect.stringContaining('TSA') });
    expect(await t.checkpoints.timestampLatest()).toEqual(expect.stringContaining('TSA'));
    expect(t.log.book.timestamp(2)).toBeUndefined();
    await t.close();
  });
});

describe('CheckpointScheduler', () => {
  /** A follower and signer over a proofs file, with `events` events taken in, and a schedule that signs at every tick. */
  async function onProofsFile(dir: string, events: number) {
    const file = join(dir, 'proofs.sqlite');
    const store = new InMemoryEventStore();
    await store.append('deal-a', newEvents(events), 'no_stream');
    const db = openTransparencyDatabase(file);
    const follower = new LogTreeFollower(store, db, { densePositions: true });
    await follower.start();
    await follower.catchUp();
    const log = new TransparencyLog(follower, new CheckpointBook(db));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const now = () => new Date();
    const errors: unknown[] = [];
    const scheduler = new CheckpointScheduler(log, new CheckpointSigner(log, ledgerSigner({ privateKey, publicKey }), { now }), { everyEvents: 1, everySeconds: 1 }, now, {
      onError: (error) => errors.push(error),
    });
    return { file, db, log, scheduler, errors, close: async () => (await scheduler.stop(), await follower.stop(), db.close()) };
  }

  it('tries again on its own after the proofs file was locked, and says it is recovering meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkpoint-schedule-'));
    const t = await onProofsFile(dir, 3);
    try {
      t.db.pragma('busy_timeout = 0');
      const holder = new Database(t.file);
      holder.exec('BEGIN IMMEDIATE'); // another process holds the write lock
      t.scheduler.start();
      await t.scheduler.tick();
      expect((t.errors[0] as { code?: string }).code).toBe('SQLITE_BUSY');
      expect(t.scheduler.health()).toMatchObject({ component: 'checkpoints', state: 'recovering', failure: expect.stringContaining('SQLITE_BUSY') });
      expect(t.log.book.latest()).toBeUndefined();

      holder.exec('COMMIT');
      holder.close();
      await eventually(() => t.log.book.latest()?.treeSize === 3);
      await eventually(() => t.scheduler.health().state === 'running');
      expect(t.errors).toHaveLength(1);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays faulted on a failure that needs an operator, and signs at once when told to retry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkpoint-schedule-'));
    const t = await onProofsFile(dir, 2);
    try {
      t.db.pragma('query_only = ON'); // as a proofs file turned read-only
      t.scheduler.start();
      await t.scheduler.tick();
      expect(t.scheduler.health()).toMatchObject({ state: 'faulted', failure: expect.stringContaining('SQLITE_READONLY') });
      t.db.pragma('query_only = OFF');
      t.scheduler.retryNow();
      await eventually(() => t.log.book.latest()?.treeSize === 2);
      await eventually(() => t.scheduler.health().state === 'running');
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('signs once the tree grew by N events, or T seconds after the last checkpoint if it grew at all, and never when idle', async () => {
    const t = await setUp();
    const outcomes: SignOutcome[] = [];
    const scheduler = new CheckpointScheduler(t.log, t.checkpoints, { everyEvents: 5, everySeconds: 60 }, t.clock.now, {
      onOutcome: (o) => outcomes.push(o),
    });
    await t.grow(2);
    await scheduler.tick(); // the first checkpoint: none before it
    expect(t.log.book.latest()?.treeSize).toBe(2);
    await t.grow(2);
    t.clock.advance(30);
    await scheduler.tick(); // 2 new events, 30 s: not yet
    expect(t.log.book.latest()?.treeSize).toBe(2);
    await t.grow(3);
    await scheduler.tick(); // 5 new events: now
    expect(t.log.book.latest()?.treeSize).toBe(7);
    await t.grow(1);
    t.clock.advance(61);
    await scheduler.tick(); // one event, but 61 s: now
    expect(t.log.book.latest()?.treeSize).toBe(8);
    t.clock.advance(600);
    await scheduler.tick(); // idle: nothing new to sign
    expect(outcomes.map((o) => ('signed' in o ? o.signed.treeSize : o))).toEqual([2, 7, 8]);
    await scheduler.stop();
    await t.close();
  });

  it('reports a refusal once, not at every tick', async () => {
    const t = await setUp();
    const outcomes: SignOutcome[] = [];
    const scheduler = new CheckpointScheduler(t.log, t.checkpoints, { everyEvents: 1, everySeconds: 1 }, t.clock.now, { onOutcome: (o) => outcomes.push(o) });
    await t.grow(1);
    await scheduler.tick();
    t.keepAnotherRoot(1);
    for (let i = 0; i < 3; i++) {
      await t.grow(1);
      t.clock.advance(5);
      await scheduler.tick();
    }
    expect(outcomes.filter((o) => 'refused' in o)).toHaveLength(1);
    await scheduler.stop();
    await t.close();
  });
});
