import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactRange, leafHash } from '#verifier';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store.js';
import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store.js';
import { allEvents, newEvents } from '../testing/contract-fixtures.js';
import { SqliteTamperer } from '../testing/sqlite-tamper.js';
import { LogTreeFollower } from './log-tree-follower.js';
import { openTransparencyDatabase } from './transparency-database.js';
import { forwardingEventStore } from '../testing/forwarding-event-store.js';
import { eventually } from '../testing/eventually.js';

let dir: string;
let files = 0;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-tree-follower-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const paths = () => ({ store: path.join(dir, `events-${++files}.sqlite`), proofs: path.join(dir, `proofs-${files}.sqlite`) });

/** A follower of `store` over the proofs file, started; close it with `stop`. */
async function follow(store: SqliteEventStore | InMemoryEventStore, proofsFile: string, batchSize?: number) {
  const db = openTransparencyDatabase(proofsFile);
  const problems: unknown[] = [];
  const follower = new LogTreeFollower(store, db, { densePositions: true, onProblem: (p) => problems.push(p), ...(batchSize ? { batchSize } : {}) });
  await follower.start();
  return { follower, problems, stop: async () => (await follower.stop(), db.close()) };
}

/** A SQLite log of `count` events of deal-a, taken into its tree by a follower since stopped. */
async function followedOnce(files: ReturnType<typeof paths>, count: number): Promise<SqliteEventStore> {
  const store = await SqliteEventStore.open({ file: files.store, synchronous: 'NORMAL' });
  await store.append('deal-a', newEvents(count), 'no_stream');
  const first = await follow(store, files.proofs);
  await first.follower.catchUp();
  await first.stop();
  return store;
}


describe('LogTreeFollower', () => {
  it('takes in every event of the log in order, history then live, in batches', async () => {
    const store = new InMemoryEventStore();
    await store.append('deal-a', newEvents(5), 'no_stream');
    const { follower, problems, stop } = await follow(store, ':memory:', 2);
    await store.append('deal-b', newEvents(3), 'no_stream');
    await store.append('deal-a', newEvents(4), 4);
    expect(await follower.catchUp()).toBe(true);
    const range = new CompactRange();
    for (const event of await allEvents(store)) range.append(leafHash(Buffer.from(event.hash, 'hex')));
    expect(follower.status()).toMatchObject({ state: 'following', size: 12, lastPosition: 12 });
    expect(follower.tree.root(12)).toEqual(range.root());
    expect(problems).toEqual([]);
    await stop();
  });

  it('halts on the first event that does not fit its chain, keeping every leaf before it', async () => {
    const files = paths();
    const store = await followedOnce(files, 4);
    await store.append('deal-a', newEvents(3), 3);
    await store.close();
    const tamperer = new SqliteTamperer(files.store);
    tamperer.flipPayloadByte(6);
    tamperer.close();

    const reopened = await SqliteEventStore.open({ file: files.store });
    const second = await follow(reopened, files.proofs);
    expect(await second.follower.catchUp(5_000)).toBe(false);
    expect(second.follower.status()).toMatchObject({ state: 'halted', size: 5, problem: { code: 'CHAIN.HASH_MISMATCH', position: 6 } });
    expect(second.problems).toHaveLength(1);
    await second.stop();
    await reopened.close();
  });

  it('will not start over a log cut back below its last leaf, nor one whose last leaf was replaced', async () => {
    const cut = paths();
    const store = await followedOnce(cut, 6);
    await store.close();
    fs.copyFileSync(cut.store, `${cut.store}.replaced`);
    fs.copyFileSync(cut.proofs, `${cut.proofs}.replaced`);

    const truncate = new SqliteTamperer(cut.store);
    truncate.truncateAfter(4);
    truncate.close();
    const truncated = await SqliteEventStore.open({ file: cut.store });
    const afterCut = await follow(truncated, cut.proofs);
    expect(afterCut.follower.status()).toMatchObject({ state: 'halted', size: 6, problem: { code: 'TREE.AHEAD_OF_LOG', position: 6 } });
    // New events do not seal the cut: the halted tree takes nothing in.
    await truncated.append('deal-a', newEvents(2), 3);
    expect(await afterCut.follower.catchUp(1_000)).toBe(false);
    await afterCut.stop();
    await truncated.close();

    const replace = new SqliteTamperer(`${cut.store}.replaced`);
    replace.flipPayloadByte(6);
    replace.rechain('deal-a');
    replace.close();
    const replaced = await SqliteEventStore.open({ file: `${cut.store}.replaced` });
    const afterReplace = await follow(replaced, `${cut.proofs}.replaced`);
    expect(afterReplace.follower.status()).toMatchObject({ state: 'halted', problem: { code: 'TREE.LEAF_MISMATCH', position: 6 } });
    await afterReplace.stop();
    await replaced.close();
  });

  it('halts, and says why, when its proofs file fails it, rather than take the process down', async () => {
    const store = new InMemoryEventStore();
    await store.append('deal-a', newEvents(2), 'no_stream');
    const db = openTransparencyDatabase(':memory:');
    const follower = new LogTreeFollower(store, db, { densePositions: true });
    await follower.start();
    await follower.catchUp();
    // The hash the next leaf completes a subtree with, gone: as in a damaged file.
    db.prepare('DELETE FROM tree_hashes WHERE idx = 2').run(); // the node over leaves 0 and 1
    await store.append('deal-a', newEvents(2), 1);
    expect(await follower.catchUp(2_000)).toBe(false);
    expect(follower.status()).toMatchObject({ state: 'halted', problem: { code: 'TREE.UNAVAILABLE', message: expect.stringContaining('proofs file is damaged') } });
    // Nothing heals a damaged file on its own: no restart is scheduled.
    expect(follower.health()).toMatchObject({ component: 'log-tree', state: 'faulted', failure: expect.stringContaining('TREE.UNAVAILABLE') });
    await follower.stop();
    db.close();
  });

  it('starts again on its own once a full disk has room again, and grows the tree a fault-free run grows', async () => {
    const store = new InMemoryEventStore();
    await store.append('deal-a', newEvents(3), 'no_stream');
    const db = openTransparencyDatabase(':memory:');
    const failures: unknown[] = [];
    const problems: unknown[] = [];
    // Small batches: the feed has read ahead of the batch that fails when the fault comes.
    const follower = new LogTreeFollower(store, db, { densePositions: true, batchSize: 50, onFailure: (e) => failures.push(e), onProblem: (p) => problems.push(p) });
    await follower.start();
    expect(await follower.catchUp()).toBe(true);
    // No page beyond those the file holds: the next batch meets SQLITE_FULL, as on a full disk.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    await store.append('deal-b', newEvents(400), 'no_stream');
    const waiting = follower.catchUp(20_000);
    await eventually(() => follower.status().state === 'recovering');
    expect(follower.health()).toMatchObject({ component: 'log-tree', state: 'recovering', failure: expect.stringContaining('SQLITE_FULL') });
    expect((failures[0] as { code?: string }).code).toBe('SQLITE_FULL');

    db.pragma('max_page_count = 1073741823'); // the disk has room again
    await store.append('deal-a', newEvents(5), 2);
    expect(await waiting).toBe(true);
    expect(await follower.catchUp(10_000)).toBe(true);
    const range = new CompactRange();
    for (const event of await allEvents(store)) range.append(leafHash(Buffer.from(event.hash, 'hex')));
    expect(follower.status()).toMatchObject({ state: 'following', size: 408, lastPosition: 408 });
    expect(follower.tree.root(408)).toEqual(range.root());
    expect(follower.health()).toMatchObject({ state: 'running' });
    expect(follower.health().restarts).toBeGreaterThan(0);
    expect(failures).toHaveLength(1);
    expect(problems).toEqual([]);
    await follower.stop();
    db.close();
  });

  it('starts again on its own when the store comes back, from its last leaf', async () => {
    const files = paths();
    let store = await SqliteEventStore.open({ file: files.store, synchronous: 'NORMAL' });
    await store.append('deal-a', newEvents(4), 'no_stream');
    const db = openTransparencyDatabase(files.proofs);
    const follower = new LogTreeFollower({ ...forwardingEventStore(() => store) }, db, { densePositions: true });
    await follower.start();
    expect(await follower.catchUp()).toBe(true);
    await store.close(); // the store goes away under the follower
    await eventually(() => follower.status().state === 'recovering');
    store = await SqliteEventStore.open({ file: files.store, synchronous: 'NORMAL' });
    await store.append('deal-a', newEvents(3), 3);
    expect(await follower.catchUp(10_000)).toBe(true);
    expect(follower.status()).toMatchObject({ state: 'following', size: 7, lastPosition: 7 });
    const range = new CompactRange();
    for (const event of await allEvents(store)) range.append(leafHash(Buffer.from(event.hash, 'hex')));
    expect(follower.tree.root(7)).toEqual(range.root());
    await follower.stop();
    db.close();
    await store.close();
  });

  it('adds nothing twice when two processes feed the same proofs file', async () => {
    const files = paths();
    const store = await SqliteEventStore.open({ file: files.store, synchronous: 'NORMAL' });
    const a = await follow(store, files.proofs, 3);
    const b = await follow(store, files.proofs, 5);
    for (let i = 0; i < 10; i++) await store.append(`deal-${i % 3}`, newEvents(2), 'any');
    expect(await a.follower.catchUp()).toBe(true);
    expect(await b.follower.catchUp()).toBe(true);
    expect(a.follower.status()).toMatchObject({ state: 'following', size: 20 });
    expect(b.follower.tree.root(20)).toEqual(a.follower.tree.root(20));
    expect([a.problems, b.problems]).toEqual([[], []]);
    await a.stop();
    await b.stop();
    await store.close();
  });
});
