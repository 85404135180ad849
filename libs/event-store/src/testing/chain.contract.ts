import fc from 'fast-check';
import { eventHash, GENESIS_HASH } from '../chain/event-hash.js';
import { verifyLog } from '../transparency/verify-log.js';
import type { RecordedEvent } from '../event-store.port.js';
import { allEvents, collect, newEvent, newEvents, take, type ContractHarness } from './contract-fixtures.js';

/** The hash an event should carry, recomputed from what reads back and its predecessor's hash. */
function expectedHash(event: RecordedEvent, previous: RecordedEvent | undefined): string {
  return eventHash({
    previousHash: previous?.hash ?? GENESIS_HASH,
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  });
}

function expectChained(stream: readonly RecordedEvent[]): void {
  stream.forEach((event, i) => {
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(event.hash).toBe(expectedHash(event, stream[i - 1]));
  });
}

export function describeChainContract(harness: ContractHarness): void {
  describe('hash chain', () => {
    it('gives every event a SHA-256 hash chained to the previous event of its stream, from the genesis hash', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(3), 'no_stream');
      await store.append('deal-2', newEvents(1), 'no_stream');
      await store.append('deal-1', newEvents(2), 2);
      const stream = await store.readStream('deal-1');
      expect(stream).toHaveLength(5);
      expectChained(stream);
      expect(stream[0]!.hash).toBe(expectedHash(stream[0]!, undefined));
      expect(new Set(stream.map((e) => e.hash)).size).toBe(5);
      expectChained(await store.readStream('deal-2'));
    });

    it('chains across the appends of one appendMany, also two to the same stream', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(1), 'no_stream');
      await store.appendMany([
        { streamId: 'deal-1', events: newEvents(2), expectedRevision: 0 },
        { streamId: 'deal-2', events: newEvents(2), expectedRevision: 'no_stream' },
        { streamId: 'deal-1', events: newEvents(1), expectedRevision: 2 },
      ]);
      expectChained(await store.readStream('deal-1'));
      expectChained(await store.readStream('deal-2'));
    });

    it('hashes data and metadata as they read back (an undefined member dropped, -0 read as 0)', async () => {
      const { store } = harness;
      await store.append('deal-1', [newEvent({ data: { kept: 1, dropped: undefined, zero: -0, nested: { b: 2, a: [1, 'x'] } } })], 'no_stream');
      expectChained(await store.readStream('deal-1'));
    });

    it('hands out the same hash through readStream, readAll and subscribe', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(2), 'no_stream');
      const byStream = (await store.readStream('deal-1')).map((e) => e.hash);
      expect((await allEvents(store)).map((e) => e.hash)).toEqual(byStream);
      expect((await take(store.subscribe({ from: 'start' }), 2)).map((e) => e.hash)).toEqual(byStream);
      expect((await collect(store.readAll({ filter: { streamIds: ['deal-1'] } }))).map((e) => e.hash)).toEqual(byStream);
    });

    it('verifies clean after any sequence of appends (no false alarm)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              streams: fc.uniqueArray(fc.constantFrom('deal-1', 'deal-2', 'deal-a-b', 'fund-1'), { minLength: 1, maxLength: 3 }),
              count: fc.integer({ min: 1, max: 3 }),
              data: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
            }),
            { minLength: 1, maxLength: 6 },
          ),
          async (writes) =>
            harness.withFreshStore(async (store) => {
              for (const { streams, count, data } of writes) {
                await store.appendMany(
                  streams.map((streamId) => ({
                    streamId,
                    events: newEvents(count, { data: JSON.parse(JSON.stringify(data)) }),
                    expectedRevision: 'any' as const,
                  })),
                );
              }
              // Commit times in position order across streams is a promise of some adapters
              // only (not KurrentDB's); within each stream every adapter keeps it.
              const report = await verifyLog(store, { globalTimeOrder: false });
              expect(report).toMatchObject({ ok: true, events: (await allEvents(store)).length });
              expect(report.problem).toBeUndefined();
            }),
        ),
        { numRuns: 20 },
      );
    });
  });
}
