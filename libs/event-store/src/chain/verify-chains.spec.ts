import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store.js';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store.js';
import type { EventStore } from '../event-store.port.js';
import { metadata, newEvent, newEvents } from '../testing/contract-fixtures.js';
import { SqliteTamperer } from '../testing/sqlite-tamper.js';
import type { CheckpointWithHeads } from './checkpoint.js';
import { readStoredCheckpoints } from './checkpoint-stream.js';
import { createCheckpoint } from './create-checkpoint.js';
import { verifyChains, type VerificationProgress } from './verify-chains.js';

const key = generateKeyPairSync('ed25519');
let dir: string;
let files = 0;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-chains-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A SQLite file: deal-1 (revisions 0–3), deal-2 (0–2) and fund-1 (0), interleaved;
 * a checkpoint signed at position 6 (its event at 7); three more events after it.
 *   1 deal-1@0  2 deal-2@0  3 deal-1@1  4 deal-2@1  5 deal-1@2  6 fund-1@0
 *   7 ledger-checkpoints@0  8 deal-1@3  9 deal-2@2  10 deal-1@4
 */
async function storeFile(): Promise<{ file: string; checkpoint: CheckpointWithHeads }> {
  const file = path.join(dir, `store-${++files}.sqlite`);
  const store = await SqliteEventStore.open({ file, synchronous: 'NORMAL' });
  try {
    for (const [streamId, expected] of [['deal-1', 'no_stream'], ['deal-2', 'no_stream'], ['deal-1', 0], ['deal-2', 0], ['deal-1', 1]] as const) {
      await store.append(streamId, [newEvent({ data: { amount: '110000000', party: 'jogmec' } })], expected);
    }
    await store.append('fund-1', newEvents(1), 'no_stream');
    const created = await createCheckpoint(store, { privateKey: key.privateKey, signedAt: '2025-03-17T12:00:00.000Z', metadata: metadata() });
    if (!created.ok) throw new Error('the clean store did not verify');
    await store.append('deal-1', newEvents(1), 2);
    await store.append('deal-2', newEvents(1), 1);
    await store.append('deal-1', newEvents(1), 3);
    return { file, checkpoint: created.checkpoint };
  } finally {
    await store.close();
  }
}

async function verifyFile(
  file: string,
  extra: { checkpoint: unknown; source: string }[] = [],
  trustedKey: KeyObject | 'none' = key.publicKey,
) {
  const store = await SqliteEventStore.open({ file });
  try {
    return await verifyChains(store, {
      checkpoints: [...(await readStoredCheckpoints(store)), ...extra],
      ...(trustedKey === 'none' ? {} : { trustedKey }),
    });
  } finally {
    await store.close();
  }
}

async function tamper(file: string, edit: (t: SqliteTamperer) => void): Promise<void> {
  const tamperer = new SqliteTamperer(file);
  try {
    edit(tamperer);
  } finally {
    tamperer.close();
  }
}

describe('verifyChains on a SQLite file', () => {
  it('finds a clean store clean, counting events and streams, and checks its checkpoint', async () => {
    const { file, checkpoint } = await storeFile();
    const report = await verifyFile(file, [{ checkpoint, source: 'file 6.json' }]);
    expect(report).toEqual({
      ok: true,
      upTo: 10,
      events: 10,
      streams: 4,
      checkpoints: [{ position: 6, signedAt: '2025-03-17T12:00:00.000Z', keyId: checkpoint.keyId, sources: ['ledger-checkpoints@0', 'file 6.json'] }],
    });
    expect(checkpoint).toMatchObject({ position: 6, eventCount: 6, streamCount: 3 });
  });

  it('names the event one byte of whose payload changed', async () => {
    const { file } = await storeFile();
    let hash = '';
    await tamper(file, (t) => {
      hash = t.row(4).hash;
      t.flipPayloadByte(4);
    });
    expect((await verifyFile(file)).problem).toMatchObject({
      code: 'CHAIN.HASH_MISMATCH',
      streamId: 'deal-2',
      revision: 1,
      position: 4,
      foundHash: hash,
      expectedHash: expect.not.stringMatching(hash),
    });
  });

  it('names the event a metadata field of which changed', async () => {
    const { file } = await storeFile();
    await tamper(file, (t) => t.setMetadataField(8, 'actor', 'someone-else'));
    expect((await verifyFile(file)).problem).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', streamId: 'deal-1', revision: 3, position: 8 });
  });

  it('names a forged hash', async () => {
    const { file } = await storeFile();
    await tamper(file, (t) => t.setColumn(9, 'hash', 'f'.repeat(64)));
    expect((await verifyFile(file)).problem).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', position: 9, foundHash: 'f'.repeat(64) });
  });

  it('names the revision of a deleted event', async () => {
    const { file } = await storeFile();
    await tamper(file, (t) => t.deleteRow(3));
    expect((await verifyFile(file)).problem).toMatchObject({
      code: 'CHAIN.UNEXPECTED_REVISION',
      streamId: 'deal-1',
      expectedRevision: 1,
      revision: 2,
      position: 5,
    });
  });

  it('names a swapped pair of rows', async () => {
    const { file } = await storeFile();
    await tamper(file, (t) => t.swapRows(3, 5));
    expect((await verifyFile(file)).problem).toMatchObject({
      code: 'CHAIN.UNEXPECTED_REVISION',
      streamId: 'deal-1',
      position: 3,
      revision: 2,
      expectedRevision: 1,
    });
  });

  it('catches a rewrite with recomputed hashes only through the checkpoint, naming the stream', async () => {
    const { file, checkpoint } = await storeFile();
    await tamper(file, (t) => {
      t.flipPayloadByte(2);
      t.rechain('deal-2');
    });
    // The chains alone fit again: this is what the checkpoint is for.
    const store = await SqliteEventStore.open({ file });
    expect((await verifyChains(store)).ok).toBe(true);
    await store.close();

    expect((await verifyFile(file, [{ checkpoint, source: 'file 6.json' }])).problem).toMatchObject({
      code: 'CHECKPOINT.HEADS_MISMATCH',
      streamId: 'deal-2',
      expectedRevision: 1,
      expectedHash: checkpoint.heads.find(([s]) => s === 'deal-2')![2],
      checkpoint: { position: 6 },
    });
    // The store's own copy has no list of heads: the root still differs.
    expect((await verifyFile(file)).problem).toMatchObject({ code: 'CHECKPOINT.HEADS_MISMATCH', expectedHash: checkpoint.headsRoot });
  });

  it('catches a truncated tail through a checkpoint kept elsewhere', async () => {
    const { file, checkpoint } = await storeFile();
    await tamper(file, (t) => t.truncateAfter(5)); // the checkpoint event (7) goes too
    const store = await SqliteEventStore.open({ file });
    expect(await readStoredCheckpoints(store)).toEqual([]);
    await store.close();
    expect((await verifyFile(file, [{ checkpoint, source: 'file 6.json' }])).problem).toMatchObject({
      code: 'CHECKPOINT.BEYOND_HEAD',
      position: 5,
      checkpoint: { position: 6, source: 'file 6.json' },
    });
  });

  it('catches the deleted last event of a stream (nothing after it in the stream) through the checkpoint', async () => {
    const { file, checkpoint } = await storeFile();
    await tamper(file, (t) => t.deleteRow(6));
    expect((await verifyFile(file, [{ checkpoint, source: 'file' }])).problem).toMatchObject({
      code: 'CHECKPOINT.HEADS_MISMATCH',
      streamId: 'fund-1',
      expectedRevision: 0,
    });
  });

  it('catches a forged checkpoint signature, even when the checkpoint stream is re-chained to fit', async () => {
    const { file } = await storeFile();
    await tamper(file, (t) => {
      const data = JSON.parse(t.row(7).data) as { signature: string };
      const bytes = Buffer.from(data.signature, 'base64');
      bytes[0] ^= 1;
      t.setColumn(7, 'data', JSON.stringify({ ...data, signature: bytes.toString('base64') }));
      t.rechain('ledger-checkpoints');
    });
    expect((await verifyFile(file)).problem).toMatchObject({
      code: 'CHECKPOINT.SIGNATURE_INVALID',
      checkpoint: { position: 6, source: 'ledger-checkpoints@0' },
    });
  });

  it('refuses checkpoints it has no trusted key for, or signed by another key', async () => {
    const { file } = await storeFile();
    expect((await verifyFile(file, [], 'none')).problem?.code).toBe('CHECKPOINT.NO_TRUSTED_KEY');
    expect((await verifyFile(file, [], generateKeyPairSync('ed25519').publicKey)).problem?.code).toBe('CHECKPOINT.UNTRUSTED_KEY');
  });

  it('will not sign a checkpoint over a tampered store', async () => {
    const { file } = await storeFile();
    await tamper(file, (t) => t.flipPayloadByte(9));
    const store = await SqliteEventStore.open({ file });
    try {
      const created = await createCheckpoint(store, { privateKey: key.privateKey, signedAt: '2025-03-18T00:00:00.000Z', metadata: metadata() });
      expect(created).toMatchObject({ ok: false, report: { problem: { code: 'CHAIN.HASH_MISMATCH', position: 9 } } });
      expect(await readStoredCheckpoints(store)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('reports progress in position order, ending at the head', async () => {
    const { file } = await storeFile();
    const store = await SqliteEventStore.open({ file });
    const seen: VerificationProgress[] = [];
    await verifyChains(store, { progressEvery: 3, yieldEvery: 2, onProgress: (p) => seen.push(p) });
    await store.close();
    expect(seen.map((p) => p.position)).toEqual([0, 3, 6, 9, 10]);
    expect(seen.at(-1)).toEqual({ position: 10, upTo: 10, events: 10 });
  });
});

describe('verifyChains on clean random stores (no false alarm)', () => {
  const writes = fc.array(
    fc.record({
      streams: fc.uniqueArray(fc.constantFrom('deal-a', 'deal-b', 'deal-c-1', 'fund-x'), { minLength: 1, maxLength: 3 }),
      count: fc.integer({ min: 1, max: 3 }),
      data: fc.jsonValue({ maxDepth: 2 }),
      actor: fc.string({ maxLength: 8 }),
      // A checkpoint after about one write in three: each one verifies everything before it.
      checkpointAfter: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
    }),
    { minLength: 1, maxLength: 6 },
  );
  type Writes = typeof writes extends fc.Arbitrary<infer T> ? T : never;

  async function fill(store: EventStore, batch: Writes) {
    for (const { streams, count, data, actor, checkpointAfter } of batch) {
      await store.appendMany(
        streams.map((streamId) => ({
          streamId,
          events: Array.from({ length: count }, () =>
            newEvent({ data: { value: JSON.parse(JSON.stringify(data ?? null)) }, metadata: metadata({ actor }) }),
          ),
          expectedRevision: 'any' as const,
        })),
      );
      if (checkpointAfter) {
        const created = await createCheckpoint(store, {
          privateKey: key.privateKey,
          signedAt: new Date().toISOString(),
          metadata: metadata({ commandId: randomUUID() }),
        });
        if (!created.ok) return created.report;
      }
    }
    return verifyChains(store, { checkpoints: await readStoredCheckpoints(store), trustedKey: key.publicKey });
  }

  it('1,000 in-memory stores, with checkpoints signed along the way, all verify', async () => {
    await fc.assert(
      fc.asyncProperty(writes, async (batch) => {
        const report = await fill(new InMemoryEventStore(), batch);
        expect(report.problem).toBeUndefined();
        expect(report.checkpoints).toHaveLength(batch.filter((w) => w.checkpointAfter).length);
      }),
      { numRuns: 1000 },
    );
  });

  it('a few SQLite files verify too', async () => {
    await fc.assert(
      fc.asyncProperty(writes, async (batch) => {
        const store = await SqliteEventStore.open({ file: path.join(dir, `random-${++files}.sqlite`), synchronous: 'NORMAL' });
        try {
          expect((await fill(store, batch)).problem).toBeUndefined();
        } finally {
          await store.close();
        }
      }),
      { numRuns: 10 },
    );
  });
});
