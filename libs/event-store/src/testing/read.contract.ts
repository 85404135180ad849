import fc from 'fast-check';
import { InvalidArgumentError, StoreUnavailableError } from '../event-store.errors.js';
import type { EventFilter, JsonObject, NewEvent, RecordedEvent } from '../event-store.port.js';
import { allEvents, collect, metadata, newEvent, newEvents, positionsOf, range, type ContractHarness } from './contract-fixtures.js';

export function describeReadContract(harness: ContractHarness): void {
  describe('readStream', () => {
    /** deal-1 at revisions 0..9, interleaved with another stream. */
    async function tenEventStream() {
      const { store } = harness;
      for (let i = 0; i < 10; i++) {
        await store.appendMany([
          { streamId: 'deal-1', events: [newEvent({ data: { i } })], expectedRevision: 'any' },
          { streamId: 'deal-2', events: [newEvent()], expectedRevision: 'any' },
        ]);
      }
    }
    const revisions = async (options?: Parameters<typeof harness.store.readStream>[1]) =>
      (await harness.store.readStream('deal-1', options)).map((e) => e.revision);

    it('reads forwards from revision 0 by default', async () => {
      await tenEventStream();
      expect(await revisions()).toEqual(range(0, 9));
      expect(await revisions({ direction: 'forwards' })).toEqual(range(0, 9));
    });

    it('reads forwards from a revision (inclusive), at most maxCount', async () => {
      await tenEventStream();
      expect(await revisions({ fromRevision: 4 })).toEqual(range(4, 9));
      expect(await revisions({ fromRevision: 4, maxCount: 3 })).toEqual([4, 5, 6]);
      expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
      expect(await revisions({ fromRevision: 10 })).toEqual([]);
      expect(await revisions({ maxCount: 0 })).toEqual([]);
    });

    it('reads backwards from the last revision by default', async () => {
      await tenEventStream();
      expect(await revisions({ direction: 'backwards' })).toEqual(range(0, 9).reverse());
      expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([9]);
    });

    it('reads backwards from a revision (inclusive), at most maxCount', async () => {
      await tenEventStream();
      expect(await revisions({ direction: 'backwards', fromRevision: 5 })).toEqual([5, 4, 3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 5, maxCount: 2 })).toEqual([5, 4]);
      expect(await revisions({ direction: 'backwards', fromRevision: 50, maxCount: 2 })).toEqual([9, 8]);
      expect(await revisions({ direction: 'backwards', fromRevision: 0 })).toEqual([0]);
    });

    it('returns an empty list for a stream that does not exist, in either direction', async () => {
      await tenEventStream();
      expect(await harness.store.readStream('deal-404')).toEqual([]);
      expect(await harness.store.readStream('deal-404', { direction: 'backwards' })).toEqual([]);
    });

    it('returns only the stream asked for, with its stream id', async () => {
      await tenEventStream();
      const events = await harness.store.readStream('deal-1');
      expect(new Set(events.map((e) => e.streamId))).toEqual(new Set(['deal-1']));
      expect(events.map((e) => e.data.i)).toEqual(range(0, 9));
    });

    it.each([
      ['a negative fromRevision', { fromRevision: -1 }],
      ['a fractional maxCount', { maxCount: 1.5 }],
      ['an unknown direction', { direction: 'sideways' as never }],
    ])('refuses %s', async (_, options) => {
      await expect(harness.store.readStream('deal-1', options)).rejects.toThrow(InvalidArgumentError);
    });
  });

  describe('readAll', () => {
    /** 12 events over deal-1, deal-2, fund-1, with two types; their ids in the order written. */
    async function mixedLog(): Promise<string[]> {
      const { store } = harness;
      const written: string[] = [];
      for (let i = 0; i < 4; i++) {
        const appends = [
          { streamId: 'deal-1', events: [newEvent({ type: 'InvestmentAnnounced.v2' })], expectedRevision: 'any' as const },
          { streamId: 'deal-2', events: [newEvent({ type: 'StakeDisclosed.v2' })], expectedRevision: 'any' as const },
          { streamId: 'fund-1', events: [newEvent({ type: 'InvestmentAnnounced.v2' })], expectedRevision: 'any' as const },
        ];
        await store.appendMany(appends);
        written.push(...appends.map((a) => a.events[0]!.eventId));
      }
      return written;
    }
    /** The places in the log of what a read yields. */
    const read = async (options?: Parameters<typeof harness.store.readAll>[0]) =>
      (await harness.places()).of(await collect(harness.store.readAll(options)));

    it('reads the whole log in position order by default', async () => {
      const written = await mixedLog();
      const log = await collect(harness.store.readAll());
      expect(log.map((e) => e.eventId)).toEqual(written);
      expect(await read()).toEqual(range(1, 12));
    });

    it('reads after a position (exclusive), at most maxCount', async () => {
      await mixedLog();
      const log = await harness.places();
      expect(await read({ after: log.at(5) })).toEqual(range(6, 12));
      expect(await read({ after: log.at(5), maxCount: 3 })).toEqual([6, 7, 8]);
      expect(await read({ maxCount: 2 })).toEqual([1, 2]);
      expect(await read({ after: log.at(12) })).toEqual([]);
      // Only a dense log has positions to name beyond its head; KurrentDB's are log offsets.
      if (harness.traits.positions === 'dense') expect(await read({ after: 1000 })).toEqual([]);
      expect(await read({ maxCount: 0 })).toEqual([]);
    });

    it('reads an empty store as an empty log', async () => {
      expect(await read()).toEqual([]);
    });

    it.each<[string, EventFilter, number[]]>([
      ['categories', { categories: ['fund'] }, [3, 6, 9, 12]],
      ['several categories', { categories: ['fund', 'deal'] }, range(1, 12)],
      ['event types', { eventTypes: ['StakeDisclosed.v2'] }, [2, 5, 8, 11]],
      ['stream ids', { streamIds: ['deal-1', 'fund-1'] }, [1, 3, 4, 6, 7, 9, 10, 12]],
      ['all criteria together (each must hold)', { categories: ['deal'], eventTypes: ['InvestmentAnnounced.v2'] }, [1, 4, 7, 10]],
      ['an empty list, which matches nothing', { eventTypes: [] }, []],
      ['a category that is a prefix of another', { categories: ['dea'] }, []],
      ['an empty filter, which matches everything', {}, range(1, 12)],
    ])('filters by %s', async (_, filter, expected) => {
      await mixedLog();
      expect(await read({ filter })).toEqual(expected);
    });

    it('applies maxCount and after to the filtered events', async () => {
      await mixedLog();
      const log = await harness.places();
      expect(await read({ filter: { categories: ['fund'] }, after: log.at(3), maxCount: 2 })).toEqual([6, 9]);
    });

    it('takes the category from the first dash of the stream id', async () => {
      const { store } = harness;
      await store.append('deal-abc-def', newEvents(1), 'any');
      await store.append('dealabc', newEvents(1), 'any');
      expect(await read({ filter: { categories: ['deal'] } })).toEqual([1]);
      expect(await read({ filter: { categories: ['dealabc'] } })).toEqual([2]);
    });

    it('reads a log far longer than a page, every event once, in order', async () => {
      const { store } = harness;
      for (let batch = 0; batch < 12; batch++) {
        await store.appendMany(
          range(0, 9).map((s) => ({ streamId: `${s % 3 === 0 ? 'fund' : 'deal'}-${s}`, events: newEvents(10), expectedRevision: 'any' as const })),
        );
      }
      expect(await read()).toEqual(range(1, 1200));
      const funds = await collect(store.readAll({ filter: { categories: ['fund'] } }));
      expect(funds).toHaveLength(480);
      expect(positionsOf(funds)).toEqual([...positionsOf(funds)].sort((a, b) => a - b));
      const log = await harness.places();
      expect(await read({ after: log.at(1000), maxCount: 150 })).toEqual(range(1001, 1150));
    });

    it('is lazy: a consumer that stops early stops the reading', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(50), 'no_stream');
      const seen: RecordedEvent[] = [];
      for await (const event of store.readAll()) {
        seen.push(event);
        if (seen.length === 3) break;
      }
      expect((await harness.places()).of(seen)).toEqual([1, 2, 3]);
    });

    it.each([
      ['a negative position', { after: -1 }],
      ['a fractional maxCount', { maxCount: 0.5 }],
      ['a filter that is not a list of strings', { filter: { categories: 'deal' as never } }],
    ])('refuses %s', async (_, options) => {
      // Whether the call throws or the iteration rejects is the adapter's choice.
      await expect((async () => collect(harness.store.readAll(options)))()).rejects.toThrow(InvalidArgumentError);
    });
  });

  describe('headPosition', () => {
    it('is 0 for an empty store, then the position of the last event', async () => {
      const { store } = harness;
      expect(await store.headPosition()).toBe(0);
      await store.append('deal-1', newEvents(3), 'no_stream');
      expect(await store.headPosition()).toBe((await harness.places()).at(3));
      await store.append('deal-2', newEvents(2), 'no_stream');
      expect(await store.headPosition()).toBe((await harness.places()).at(5));
    });
  });

  describe('what is read back is what was written', () => {
    const tricky: JsonObject = {
      text: 'Caremag — Lacq, Pyrénées-Atlantiques; 稀土; עברית; 🇫🇷🧲; e\u0301 vs é; \u0000 \u2028 \u2029 "quotes" \\ back\\slash',
      empty: '',
      nested: { deeper: { deepest: [1, 'two', { three: [null, true, false] }] }, emptyObject: {}, emptyList: [] },
      numbers: { zero: 0, negative: -12.5, big: 9_007_199_254_740_991, tiny: 5e-324, exponent: 1.5e300 },
      money: { amount: '216000000.00', currency: 'EUR' },
      'key with spaces and ünïcödé 🔑': 'value',
      '': 'empty key',
    };

    it('round-trips data, metadata, type and ids exactly, through readStream and readAll', async () => {
      const { store } = harness;
      const event = newEvent({
        type: 'InvestmentAnnounced.v2',
        data: tricky,
        metadata: metadata({ actor: 'anaïs@example.org', source: { url: 'https://example.org/ü?q=1&r=2', page: 3 } }),
      });
      await store.append('deal-🧲', [event], 'no_stream');
      const [fromStream] = await store.readStream('deal-🧲');
      const [fromLog] = await allEvents(store);
      const position = (await harness.places()).at(1);
      for (const read of [fromStream, fromLog]) {
        expect(read).toMatchObject({ eventId: event.eventId, type: event.type, streamId: 'deal-🧲', revision: 0, position });
        expect(read!.data).toStrictEqual(event.data);
        expect(read!.metadata).toStrictEqual(event.metadata);
      }
    });

    it('records recordedAt as an ISO-8601 UTC instant', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(1), 'no_stream');
      const [event] = await store.readStream('deal-1');
      expect(event!.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(new Date(event!.recordedAt).toISOString()).toBe(event!.recordedAt);
    });

    it('round-trips any JSON object (property)', async () => {
      // -0 is the one number JSON cannot tell apart (it reads back as 0): left out.
      const jsonObject = fc
        .dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 })
        .map((value) => JSON.parse(JSON.stringify(value, (_, v: unknown) => (Object.is(v, -0) ? 0 : v)))) as fc.Arbitrary<JsonObject>;
      await harness.withFreshStore(async (store) => {
        await fc.assert(
          fc.asyncProperty(jsonObject, jsonObject, async (data, extra) => {
            const event: NewEvent = newEvent({ data, metadata: { ...extra, ...metadata() } });
            const result = await store.append('deal-1', [event], 'any');
            const [read] = await store.readStream('deal-1', { fromRevision: result.firstRevision });
            expect(read!.data).toStrictEqual(event.data);
            expect(read!.metadata).toStrictEqual(event.metadata);
          }),
          { numRuns: 100 },
        );
      });
    });
  });

  describe('a closed store', () => {
    it('refuses every operation with StoreUnavailableError', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(1), 'no_stream');
      await store.close();
      await expect(store.append('deal-1', newEvents(1), 'any')).rejects.toThrow(StoreUnavailableError);
      await expect(store.appendMany([{ streamId: 'deal-1', events: newEvents(1), expectedRevision: 'any' }])).rejects.toThrow(
        StoreUnavailableError,
      );
      await expect(store.readStream('deal-1')).rejects.toThrow(StoreUnavailableError);
      await expect(collect(store.readAll())).rejects.toThrow(StoreUnavailableError);
      await expect(store.headPosition()).rejects.toThrow(StoreUnavailableError);
      expect(() => store.subscribe({ from: 'start' })).toThrow(StoreUnavailableError);
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
