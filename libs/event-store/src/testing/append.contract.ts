import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  DuplicateEventIdError,
  EventStoreError,
  InvalidArgumentError,
  InvalidStreamNameError,
  WrongExpectedRevisionError,
} from '../event-store.errors.js';
import { MAX_EVENTS_PER_WRITE } from '../append-preparation.js';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, StreamAppend } from '../event-store.port.js';
import { allEvents, itWhen, metadata, newEvent, newEvents, range, type ContractHarness } from './contract-fixtures.js';

export function describeAppendContract(harness: ContractHarness): void {
  /** The whole visible state, to show that a refused write changed nothing. */
  async function snapshot(store: EventStore) {
    return { head: await store.headPosition(), log: await allEvents(store) };
  }

  async function expectRefusedWithoutWriting(write: () => Promise<unknown>, error: unknown): Promise<void> {
    const { store } = harness;
    const before = await snapshot(store);
    await expect(write()).rejects.toThrow(error as Error);
    expect(await snapshot(store)).toEqual(before);
  }

  describe('append', () => {
    it('starts a new stream with no_stream: revisions from 0, at the first places of the log', async () => {
      const { store } = harness;
      const events = newEvents(3);
      const result = await store.append('deal-1', events, 'no_stream');
      const log = await harness.places();
      expect(result).toEqual({
        streamId: 'deal-1',
        firstRevision: 0,
        nextExpectedRevision: 2,
        firstPosition: log.at(1),
        lastPosition: log.at(3),
      });
      const stored = await store.readStream('deal-1');
      expect(stored.map((e) => [e.eventId, e.revision, log.placeOf(e.position), e.streamId])).toEqual(
        events.map((e, i) => [e.eventId, i, i + 1, 'deal-1']),
      );
    });

    it('continues a stream from the revision it returned', async () => {
      const { store } = harness;
      const first = await store.append('deal-1', newEvents(2), 'no_stream');
      const second = await store.append('deal-1', newEvents(1), first.nextExpectedRevision);
      const log = await harness.places();
      expect(second).toMatchObject({ firstRevision: 2, nextExpectedRevision: 2, firstPosition: log.at(3), lastPosition: log.at(3) });
    });

    describe('accepts a write when the expected revision holds', () => {
      it.each<[string, ExpectedRevision | ((last: number) => ExpectedRevision), boolean]>([
        ['no_stream on a new stream', 'no_stream', false],
        ['any on a new stream', 'any', false],
        ['stream_exists on an existing stream', 'stream_exists', true],
        ['any on an existing stream', 'any', true],
        ['the exact last revision', (last) => last, true],
      ])('%s', async (_, expected, streamExists) => {
        const { store } = harness;
        if (streamExists) await store.append('deal-1', newEvents(2), 'no_stream');
        const last = streamExists ? 1 : -1;
        const result = await store.append('deal-1', newEvents(1), typeof expected === 'function' ? expected(last) : expected);
        expect(result.firstRevision).toBe(last + 1);
        expect(await store.readStream('deal-1')).toHaveLength(last + 2);
      });
    });

    describe('refuses a write when the expected revision does not hold, and writes nothing', () => {
      it.each<[string, ExpectedRevision, boolean, number | 'no_stream']>([
        ['no_stream on an existing stream', 'no_stream', true, 1],
        ['stream_exists on a new stream', 'stream_exists', false, 'no_stream'],
        ['a revision on a new stream', 0, false, 'no_stream'],
        ['a revision behind the stream', 0, true, 1],
        ['a revision ahead of the stream', 2, true, 1],
      ])('%s', async (_, expected, streamExists, actual) => {
        const { store } = harness;
        if (streamExists) await store.append('deal-1', newEvents(2), 'no_stream');
        await store.append('deal-2', newEvents(1), 'no_stream');
        const before = await snapshot(store);

        const error = await store.append('deal-1', newEvents(2), expected).catch((e: unknown) => e);

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toBeInstanceOf(EventStoreError);
        expect(error).toMatchObject({
          code: 'CONCURRENCY.WRONG_EXPECTED_REVISION',
          streamId: 'deal-1',
          expected,
          actual,
        });
        expect(await snapshot(store)).toEqual(before);
      });
    });

    const uniqueInStore = harness.traits.eventIds === 'unique-in-store';

    itWhen(uniqueInStore)('is atomic: an event id already stored anywhere refuses the whole append', async () => {
      const { store } = harness;
      const taken = newEvent();
      await store.append('deal-2', [taken], 'no_stream');
      const events = [newEvent(), newEvent(), { ...newEvent(), eventId: taken.eventId }, newEvent()];

      await expectRefusedWithoutWriting(() => store.append('deal-1', events, 'any'), DuplicateEventIdError);
      const error = await store.append('deal-1', events, 'any').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'STORE.DUPLICATE_EVENT_ID', eventId: taken.eventId });
      expect(await store.readStream('deal-1')).toEqual([]);
    });

    // KurrentDB keeps no index of event ids: the store finds one only among the stream's last
    // events, which it reads anyway to chain the hash (issue 17, item 6: the weaker rule, stated).
    itWhen(!uniqueInStore)('accepts an event id stored in another stream (as a command id reused on another deal)', async () => {
      const { store } = harness;
      const shared = newEvent();
      await store.append('deal-2', [shared], 'no_stream');
      await store.append('deal-1', [newEvent(), { ...newEvent(), eventId: shared.eventId }], 'no_stream');
      expect((await store.readStream('deal-1')).map((e) => e.eventId)[1]).toBe(shared.eventId);
    });

    itWhen(!uniqueInStore)('accepts an event id stored earlier in the same stream, before the events a retried write would meet', async () => {
      const { store } = harness;
      const first = newEvent();
      await store.append('deal-1', [first, newEvent()], 'no_stream');
      await store.append('deal-1', [{ ...newEvent(), eventId: first.eventId }], 1);
      expect((await store.readStream('deal-1')).map((e) => e.eventId)).toEqual([first.eventId, expect.any(String), first.eventId]);
    });

    itWhen(!uniqueInStore)('refuses an event id among the stream’s last events, whatever the revision expected', async () => {
      const { store } = harness;
      const events = newEvents(2);
      await store.append('deal-1', events, 'no_stream');
      await expectRefusedWithoutWriting(() => store.append('deal-1', [newEvent(), events[1]!], 1), DuplicateEventIdError);
    });

    it('refuses an event id already stored in the same stream (a retried write)', async () => {
      const { store } = harness;
      const events = newEvents(2);
      await store.append('deal-1', events, 'no_stream');
      await expectRefusedWithoutWriting(() => store.append('deal-1', events, 'any'), DuplicateEventIdError);
    });

    it('refuses the same event id twice in one append', async () => {
      const { store } = harness;
      const event = newEvent();
      await expectRefusedWithoutWriting(() => store.append('deal-1', [event, event], 'any'), DuplicateEventIdError);
    });

    describe('stream names', () => {
      it.each([
        ['starting with $', '$ce-deal'],
        ['$ alone', '$'],
        ['empty', ''],
        ['longer than 200 characters', `deal-${'x'.repeat(196)}`],
      ])('refuses a name %s and writes nothing', async (_, streamId) => {
        const { store } = harness;
        await expectRefusedWithoutWriting(() => store.append(streamId, newEvents(1), 'any'), InvalidStreamNameError);
        await expectRefusedWithoutWriting(
          () => store.appendMany([{ streamId: 'deal-1', events: newEvents(1), expectedRevision: 'any' }, { streamId, events: newEvents(1), expectedRevision: 'any' }]),
          InvalidStreamNameError,
        );
      });

      it('accepts a name of exactly 200 characters, and any unicode', async () => {
        const { store } = harness;
        for (const streamId of [`deal-${'x'.repeat(195)}`, 'déal-日本-💶', 'no_dash_at_all']) {
          await store.append(streamId, newEvents(1), 'no_stream');
          expect(await store.readStream(streamId)).toHaveLength(1);
        }
      });
    });

    describe('refuses what it could not store faithfully, and writes nothing', () => {
      class Money {
        constructor(readonly amount = '1') {}
      }
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      it.each<[string, () => NewEvent[]]>([
        ['no events', () => []],
        ['an event id that is not a UUID', () => [newEvent({ eventId: 'event-1' })]],
        ['an upper-case UUID', () => [newEvent({ eventId: randomUUID().toUpperCase() })]],
        ['an empty type', () => [newEvent({ type: '' })]],
        ['data that is an array', () => [newEvent({ data: [1, 2] as never })]],
        ['data that is null', () => [newEvent({ data: null as never })]],
        ['a NaN in the data', () => [newEvent({ data: { amount: Number.NaN } })]],
        ['an Infinity in the metadata', () => [newEvent({ metadata: metadata({ score: Infinity }) })]],
        ['a Date in the data', () => [newEvent({ data: { at: new Date() } })]],
        ['a class instance in the data', () => [newEvent({ data: { price: new Money() } })]],
        ['a bigint in the data', () => [newEvent({ data: { big: 10n } })]],
        ['undefined inside an array', () => [newEvent({ data: { list: [1, undefined] } })]],
        ['a function in the data', () => [newEvent({ data: { f: () => 1 } })]],
        ['a circular structure', () => [newEvent({ data: circular })]],
        ['one bad event after good ones', () => [newEvent(), newEvent(), newEvent({ data: { amount: Number.NaN } })]],
        [`more than ${MAX_EVENTS_PER_WRITE} events`, () => newEvents(MAX_EVENTS_PER_WRITE + 1)],
      ])('%s', async (_, events) => {
        await expectRefusedWithoutWriting(() => harness.store.append('deal-1', events(), 'any'), InvalidArgumentError);
      });

      it.each<[string, unknown]>([
        ['a negative revision', -1],
        ['a fractional revision', 1.5],
        ['an unknown mode', 'latest'],
        ['nothing', undefined],
      ])('an expected revision that is %s', async (_, expected) => {
        await expectRefusedWithoutWriting(
          () => harness.store.append('deal-1', newEvents(1), expected as ExpectedRevision),
          InvalidArgumentError,
        );
      });
    });

    it('drops an undefined object member, as JSON does (how optional fields are written)', async () => {
      const { store } = harness;
      await store.append('deal-1', [newEvent({ data: { kept: 1, optional: undefined } })], 'no_stream');
      const [event] = await store.readStream('deal-1');
      expect(Object.keys(event!.data)).toEqual(['kept']);
    });

    it('keeps what it stored apart from the caller: later changes to the input or the output do not leak in', async () => {
      const { store } = harness;
      const event = newEvent({ data: { nested: { value: 'original' } } });
      await store.append('deal-1', [event], 'no_stream');
      (event.data.nested as { value: string }).value = 'changed after append';
      const [read] = await store.readStream('deal-1');
      (read!.data.nested as { value: string }).value = 'changed after read';
      const [again] = await store.readStream('deal-1');
      expect(again!.data).toEqual({ nested: { value: 'original' } });
    });
  });

  describe('appendMany', () => {
    it('writes to several streams at once and returns one result per append, in order', async () => {
      const { store } = harness;
      await store.append('deal-2', newEvents(2), 'no_stream');
      const results = await store.appendMany([
        { streamId: 'deal-1', events: newEvents(2), expectedRevision: 'no_stream' },
        { streamId: 'deal-2', events: newEvents(1), expectedRevision: 1 },
        { streamId: 'fund-1', events: newEvents(3), expectedRevision: 'any' },
      ]);
      const log = await harness.places();
      expect(results).toEqual([
        { streamId: 'deal-1', firstRevision: 0, nextExpectedRevision: 1, firstPosition: log.at(3), lastPosition: log.at(4) },
        { streamId: 'deal-2', firstRevision: 2, nextExpectedRevision: 2, firstPosition: log.at(5), lastPosition: log.at(5) },
        { streamId: 'fund-1', firstRevision: 0, nextExpectedRevision: 2, firstPosition: log.at(6), lastPosition: log.at(8) },
      ]);
      expect(await store.headPosition()).toBe(log.at(8));
    });

    const atomic = harness.traits.appendMany === 'atomic';
    const ifAtomic = itWhen(atomic);
    const ifInOrder = itWhen(!atomic);

    ifAtomic('gives all events of one call the same recordedAt', async () => {
      const { store } = harness;
      await store.appendMany([
        { streamId: 'deal-1', events: newEvents(2), expectedRevision: 'any' },
        { streamId: 'deal-2', events: newEvents(2), expectedRevision: 'any' },
      ]);
      const times = new Set((await allEvents(store)).map((e) => e.recordedAt));
      expect(times.size).toBe(1);
    });

    /** Two appends that hold, one that does not (deal-2 exists), one after it. */
    async function halfRefusedWrite(): Promise<StreamAppend[]> {
      await harness.store.append('deal-2', newEvents(1), 'no_stream');
      return [
        { streamId: 'deal-1', events: newEvents(2), expectedRevision: 'no_stream' },
        { streamId: 'deal-3', events: newEvents(2), expectedRevision: 'any' },
        { streamId: 'deal-2', events: newEvents(1), expectedRevision: 'no_stream' },
        { streamId: 'deal-4', events: newEvents(1), expectedRevision: 'any' },
      ];
    }

    ifAtomic('is all or nothing: one wrong expected revision writes nothing to any stream', async () => {
      const { store } = harness;
      const appends = await halfRefusedWrite();
      await expectRefusedWithoutWriting(() => store.appendMany(appends), WrongExpectedRevisionError);
      const error = await store.appendMany(appends).catch((e: unknown) => e);
      expect(error).toMatchObject({ streamId: 'deal-2', expected: 'no_stream', actual: 0 });
    });

    ifInOrder('appends in order and stops at the first refusal: the appends before it stay written, none after it is', async () => {
      const { store } = harness;
      const appends = await halfRefusedWrite();
      const error = await store.appendMany(appends).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: 'deal-2', expected: 'no_stream', actual: 0 });
      expect((await store.readStream('deal-1')).map((e) => e.eventId)).toEqual(appends[0]!.events.map((e) => e.eventId));
      expect((await store.readStream('deal-3')).map((e) => e.eventId)).toEqual(appends[1]!.events.map((e) => e.eventId));
      expect(await store.readStream('deal-2')).toHaveLength(1);
      expect(await store.readStream('deal-4')).toEqual([]);
    });

    itWhen(atomic && harness.traits.eventIds === 'unique-in-store')('is all or nothing: a duplicate event id in the last stream writes nothing', async () => {
      const { store } = harness;
      const taken = newEvent();
      await store.append('deal-9', [taken], 'no_stream');
      await expectRefusedWithoutWriting(
        () =>
          store.appendMany([
            { streamId: 'deal-1', events: newEvents(2), expectedRevision: 'any' },
            { streamId: 'deal-2', events: [newEvent(), { ...newEvent(), eventId: taken.eventId }], expectedRevision: 'any' },
          ]),
        DuplicateEventIdError,
      );
    });

    it('is all or nothing: the same event id in two of its streams writes nothing', async () => {
      const { store } = harness;
      const event = newEvent();
      await expectRefusedWithoutWriting(
        () =>
          store.appendMany([
            { streamId: 'deal-1', events: [event], expectedRevision: 'any' },
            { streamId: 'deal-2', events: [event], expectedRevision: 'any' },
          ]),
        DuplicateEventIdError,
      );
    });

    it('applies two appends to the same stream in order, the second seeing the first', async () => {
      const { store } = harness;
      const results = await store.appendMany([
        { streamId: 'deal-1', events: newEvents(2), expectedRevision: 'no_stream' },
        { streamId: 'deal-1', events: newEvents(1), expectedRevision: 1 },
      ]);
      expect(results.map((r) => [r.firstRevision, r.nextExpectedRevision])).toEqual([
        [0, 1],
        [2, 2],
      ]);
      const sameRevisionTwice = () =>
        store.appendMany([
          { streamId: 'deal-1', events: newEvents(1), expectedRevision: 2 },
          { streamId: 'deal-1', events: newEvents(1), expectedRevision: 2 },
        ]);
      if (atomic) {
        await expectRefusedWithoutWriting(sameRevisionTwice, WrongExpectedRevisionError);
      } else {
        await expect(sameRevisionTwice()).rejects.toThrow(WrongExpectedRevisionError);
        expect((await store.readStream('deal-1')).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      }
    });

    it('writes nothing and returns nothing for an empty list', async () => {
      const { store } = harness;
      expect(await store.appendMany([])).toEqual([]);
      expect(await store.headPosition()).toBe(0);
    });

    it(`refuses more than ${MAX_EVENTS_PER_WRITE} events over all its streams, and writes nothing`, async () => {
      const half = MAX_EVENTS_PER_WRITE / 2;
      await expectRefusedWithoutWriting(
        () =>
          harness.store.appendMany([
            { streamId: 'deal-1', events: newEvents(half), expectedRevision: 'any' },
            { streamId: 'deal-2', events: newEvents(half + 1), expectedRevision: 'any' },
          ]),
        InvalidArgumentError,
      );
    });

    it('refuses an append without events, and writes nothing', async () => {
      await expectRefusedWithoutWriting(
        () =>
          harness.store.appendMany([
            { streamId: 'deal-1', events: newEvents(1), expectedRevision: 'any' },
            { streamId: 'deal-2', events: [], expectedRevision: 'any' },
          ]),
        InvalidArgumentError,
      );
    });
  });

  describe('revisions and positions (random sequences of writes)', () => {
    type Expectation = 'right' | 'wrong' | 'any';
    const appendArb = fc.record({
      stream: fc.constantFrom('deal-a', 'deal-b', 'fund-c', 'x'),
      count: fc.integer({ min: 1, max: 4 }),
      expectation: fc.constantFrom<Expectation>('right', 'right', 'right', 'any', 'wrong'),
    });
    const writeArb = fc.record({ many: fc.boolean(), appends: fc.array(appendArb, { minLength: 1, maxLength: 3 }) });

    function expectedRevisionFor(last: number | undefined, expectation: Expectation): ExpectedRevision {
      if (expectation === 'any') return 'any';
      if (expectation === 'right') return last ?? 'no_stream';
      return last === undefined ? 'stream_exists' : last + 1;
    }

    it('match a model: contiguous revisions from 0 per stream, positions increasing across streams (1..N when dense), refused writes leave no trace', async () => {
      const inOrder = harness.traits.appendMany === 'in-order';
      await fc.assert(
        fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 25 }), async (writes) =>
          harness.withFreshStore(async (store) => {
            const model = new Map<string, string[]>();
            const log: string[] = [];
            /** Each append that went through, with what the store answered. */
            const written: { ids: string[]; result: AppendResult }[] = [];
            for (const write of writes) {
              const appends = write.many ? write.appends : write.appends.slice(0, 1);
              const next = new Map([...model].map(([k, v]) => [k, [...v]]));
              let firstRefused = -1;
              const requests: StreamAppend[] = appends.map(({ stream, count, expectation }, i) => {
                const ids = next.get(stream) ?? [];
                if (expectation === 'wrong' && firstRefused === -1) firstRefused = i;
                const request = {
                  streamId: stream,
                  events: newEvents(count),
                  expectedRevision: expectedRevisionFor(ids.length === 0 ? undefined : ids.length - 1, expectation),
                };
                next.set(stream, [...ids, ...request.events.map((e) => e.eventId)]);
                return request;
              });
              const outcome = write.many
                ? store.appendMany(requests)
                : store.append(requests[0]!.streamId, requests[0]!.events, requests[0]!.expectedRevision).then((r) => [r]);
              const results = firstRefused === -1 ? await outcome : undefined;
              if (!results) await expect(outcome).rejects.toBeInstanceOf(WrongExpectedRevisionError);
              // An atomic store wrote nothing of a refused write; an in-order one, what came before the refusal.
              const applied = results ? requests : inOrder ? requests.slice(0, firstRefused) : [];
              applied.forEach((request, i) => {
                const ids = request.events.map((e) => e.eventId);
                model.set(request.streamId, [...(model.get(request.streamId) ?? []), ...ids]);
                log.push(...ids);
                if (results) written.push({ ids, result: results[i]! });
              });
            }

            const all = await allEvents(store);
            expect(all.map((e) => e.eventId)).toEqual(log);
            const places = await harness.places(store);
            const positionOf = new Map(all.map((e) => [e.eventId, e.position]));
            for (const { ids, result } of written) {
              expect(result.firstPosition).toBe(positionOf.get(ids[0]!));
              expect(result.lastPosition).toBe(positionOf.get(ids[ids.length - 1]!));
              expect(result.nextExpectedRevision - result.firstRevision + 1).toBe(ids.length);
            }
            expect(await store.headPosition()).toBe(places.at(log.length));
            for (const [streamId, ids] of model) {
              const stream = await store.readStream(streamId);
              expect(stream.map((e) => e.eventId)).toEqual(ids);
              expect(stream.map((e) => e.revision)).toEqual(range(0, ids.length - 1));
              const positions = stream.map((e) => e.position);
              expect(positions).toEqual([...positions].sort((a, b) => a - b));
            }
          }),
        ),
        { numRuns: 30 },
      );
    });
  });
}
