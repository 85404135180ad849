import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store.js';
import type { RecordedEvent } from '../event-store.port.js';
import { allEvents, newEvents } from '../testing/contract-fixtures.js';
import { ChainVerifier, type StreamHead } from './chain-verifier.js';

/** A real store's log: deal-1 at revisions 0–3 and deal-2 at 0–1, interleaved, two commit times. */
async function cleanLog(): Promise<RecordedEvent[]> {
  const times = ['2025-03-17T09:00:00.000Z', '2025-03-17T10:00:00.000Z', '2025-03-17T11:00:00.000Z'];
  let call = 0;
  const store = new InMemoryEventStore({ clock: () => new Date(times[Math.min(call++, 2)]!) });
  await store.append('deal-1', newEvents(2), 'no_stream'); // positions 1, 2
  await store.append('deal-2', newEvents(1), 'no_stream'); // 3
  await store.append('deal-1', newEvents(2), 1); // 4, 5
  await store.append('deal-2', newEvents(1), 0); // 6
  return allEvents(store);
}

function firstProblem(log: readonly RecordedEvent[]) {
  const verifier = new ChainVerifier();
  for (const event of log) {
    const problem = verifier.check(event);
    if (problem) return problem;
  }
  return undefined;
}

describe('ChainVerifier', () => {
  it('accepts a log as the store wrote it, counting events and streams, keeping each stream\'s head', async () => {
    const heads = new Map<string, StreamHead>();
    const verifier = new ChainVerifier({ heads: { get: (id) => heads.get(id), set: (h) => void heads.set(h.streamId, h), get size() { return heads.size; } } });
    const log = await cleanLog();
    for (const event of log) expect(verifier.check(event)).toBeUndefined();
    expect([verifier.events, verifier.streams]).toEqual([6, 2]);
    expect([...heads.values()].map((h) => [h.streamId, h.revision, h.hash])).toEqual([
      ['deal-1', 3, log[4]!.hash],
      ['deal-2', 1, log[5]!.hash],
    ]);
  });

  it('resumes where an earlier pass stopped, with the heads it kept', async () => {
    const log = await cleanLog();
    const heads = new Map<string, StreamHead>();
    const store = { get: (id: string) => heads.get(id), set: (h: StreamHead) => void heads.set(h.streamId, h), get size() { return heads.size; } };
    const first = new ChainVerifier({ heads: store, densePositions: true });
    for (const event of log.slice(0, 3)) expect(first.check(event)).toBeUndefined();
    const resumed = new ChainVerifier({ heads: store, densePositions: true, resumeAfter: { position: 3, recordedAt: log[2]!.recordedAt, events: 3 } });
    for (const event of log.slice(3)) expect(resumed.check(event)).toBeUndefined();
    expect(resumed.events).toBe(6);
    // A pass resumed at the wrong place sees the gap.
    const misplaced = new ChainVerifier({ heads: store, densePositions: true, resumeAfter: { position: 1, recordedAt: '', events: 1 } });
    expect(misplaced.check(log[3]!)).toMatchObject({ code: 'CHAIN.POSITION_NOT_INCREASING', position: 4 });
  });

  it('names an event whose data changed, with the hash it should have and the one it has', async () => {
    const log = await cleanLog();
    log[3] = { ...log[3]!, data: { n: 99 } };
    expect(firstProblem(log)).toMatchObject({
      code: 'CHAIN.HASH_MISMATCH',
      streamId: 'deal-1',
      revision: 2,
      position: 4,
      eventId: log[3]!.eventId,
      foundHash: log[3]!.hash,
      expectedHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('names an event whose metadata changed', async () => {
    const log = await cleanLog();
    log[1] = { ...log[1]!, metadata: { ...log[1]!.metadata, actor: 'someone-else' } };
    expect(firstProblem(log)).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', position: 2 });
  });

  it('names a forged hash, and the next event when the forger made the forged one fit', async () => {
    const log = await cleanLog();
    const forged = [...log];
    forged[1] = { ...log[1]!, hash: 'f'.repeat(64) };
    expect(firstProblem(forged)).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', position: 2, foundHash: 'f'.repeat(64) });

    // Data changed and that event's hash recomputed: its successor no longer chains to it.
    const verifier = new ChainVerifier();
    verifier.check(log[0]!);
    const altered = { ...log[1]!, data: { n: 42 } };
    const problem = verifier.check({ ...altered, hash: 'x' });
    const refit = { ...altered, hash: problem!.expectedHash! };
    expect(firstProblem([log[0]!, refit, ...log.slice(2)])).toMatchObject({
      code: 'CHAIN.HASH_MISMATCH',
      streamId: 'deal-1',
      revision: 2,
      position: 4,
    });
  });

  it('names the place of a deleted event: the next event of its stream, with the revision that is missing', async () => {
    const log = await cleanLog();
    expect(firstProblem([...log.slice(0, 1), ...log.slice(2)])).toMatchObject({
      code: 'CHAIN.UNEXPECTED_REVISION',
      streamId: 'deal-1',
      expectedRevision: 1,
      revision: 2,
      position: 4,
    });
    // The first event of a stream deleted.
    expect(firstProblem(log.filter((e) => e.position !== 3))).toMatchObject({
      code: 'CHAIN.UNEXPECTED_REVISION',
      streamId: 'deal-2',
      expectedRevision: 0,
      revision: 1,
    });
  });

  it('names a reordered pair of one stream at the first of the two positions', async () => {
    const log = await cleanLog();
    const [a, b] = [log[3]!, log[4]!];
    const swapped = [...log.slice(0, 3), { ...b, position: a.position }, { ...a, position: b.position }, log[5]!];
    expect(firstProblem(swapped)).toMatchObject({
      code: 'CHAIN.UNEXPECTED_REVISION',
      streamId: 'deal-1',
      position: 4,
      revision: 3,
      expectedRevision: 2,
    });
  });

  it('names an event of another stream moved before an earlier commit (its time goes back)', async () => {
    const log = await cleanLog();
    // deal-2@0 (10:00) and deal-1@2 (11:00) change places.
    const [a, b] = [log[2]!, log[3]!];
    const swapped = [...log.slice(0, 2), { ...b, position: a.position }, { ...a, position: b.position }, ...log.slice(4)];
    expect(firstProblem(swapped)).toMatchObject({ code: 'CHAIN.RECORDED_AT_DECREASES', position: 4, streamId: 'deal-2' });
  });

  it('refuses positions that do not increase', async () => {
    const log = await cleanLog();
    expect(firstProblem([log[0]!, log[0]!])).toMatchObject({ code: 'CHAIN.POSITION_NOT_INCREASING', position: 1 });
  });
});

describe('ChainVerifier for a store whose commit times are ordered per stream only (KurrentDB)', () => {
  it('accepts an earlier time in another stream, and still refuses one that goes back within a stream', async () => {
    const log = await cleanLog();
    // deal-2@0 recorded at 10:00 after deal-1@2 at 11:00: another writer's clock.
    const [a, b] = [log[2]!, log[3]!];
    const interleaved = [...log.slice(0, 2), { ...b, position: a.position }, { ...a, position: b.position }, ...log.slice(4)];
    const verifier = new ChainVerifier({ globalTimeOrder: false });
    for (const event of interleaved) expect(verifier.check(event)).toBeUndefined();

    const backwards = new ChainVerifier({ globalTimeOrder: false });
    backwards.check(log[0]!);
    expect(backwards.check({ ...log[1]!, recordedAt: '2025-03-17T08:00:00.000Z' })).toMatchObject({
      code: 'CHAIN.RECORDED_AT_DECREASES',
      position: 2,
    });
  });
});
