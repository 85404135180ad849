import { InvalidArgumentError } from '../event-store.errors.js';
import type { EventStore, RecordedEvent } from '../event-store.port.js';
import { allEvents, itWhen, newEvent, newEvents, positionsOf, range, take, tick, type ContractHarness } from './contract-fixtures.js';

/**
 * Appends `total` events in batches of 1–5, alternating append and appendMany over a few
 * streams, yielding to the event loop after each batch so subscribers interleave.
 * `afterBatch` may return a promise to hold the writer.
 */
async function writeInSmallBatches(
  store: EventStore,
  total: number,
  afterBatch: (written: number) => unknown = () => undefined,
): Promise<void> {
  let written = 0;
  for (let batch = 0; written < total; batch++) {
    const size = Math.min(total - written, 1 + (batch % 5));
    if (batch % 2 === 0 || size === 1) {
      await store.append(`deal-${batch % 7}`, newEvents(size), 'any');
    } else {
      const half = Math.floor(size / 2);
      await store.appendMany([
        { streamId: `deal-${batch % 7}`, events: newEvents(half), expectedRevision: 'any' },
        { streamId: `fund-${batch % 3}`, events: newEvents(size - half), expectedRevision: 'any' },
      ]);
    }
    written += size;
    await afterBatch(written);
    await tick();
  }
}

/** A consumer that is now and then slower than the writer, so the seam is crossed often. */
async function consume(subscription: AsyncIterable<RecordedEvent> & { close(): void }, count: number): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  const timer = setTimeout(() => subscription.close(), 20_000);
  try {
    for await (const event of subscription) {
      received.push(event);
      if (received.length === count) break;
      if (received.length % 7 === 0) await tick();
    }
  } finally {
    clearTimeout(timer);
    subscription.close();
  }
  return received;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export function describeSubscribeContract(harness: ContractHarness): void {
  /** The places in the log of the events received (the log as it is once they were). */
  const placesOf = async (events: readonly RecordedEvent[]) => (await harness.places()).of(events);

  describe('subscribe', () => {
    it('from start: delivers the history, then live events', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(3), 'no_stream');
      const received = take(store.subscribe({ from: 'start' }), 5);
      await tick();
      await store.append('deal-2', newEvents(2), 'no_stream');
      expect(await placesOf(await received)).toEqual([1, 2, 3, 4, 5]);
    });

    it('from end: only events appended after subscribing', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(3), 'no_stream');
      const received = take(store.subscribe({ from: 'end' }), 2);
      await tick();
      await store.append('deal-2', newEvents(2), 'no_stream');
      expect(await placesOf(await received)).toEqual([4, 5]);
    });

    it("from end: the end is the head when subscribe() is called, not at the first next()", async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(3), 'no_stream');
      const subscription = store.subscribe({ from: 'end' });
      await store.append('deal-2', newEvents(2), 'no_stream');
      expect(await placesOf(await take(subscription, 2))).toEqual([4, 5]);
    });

    it('from end of an empty store: everything', async () => {
      const { store } = harness;
      const received = take(store.subscribe({ from: 'end' }), 2);
      await store.append('deal-2', newEvents(2), 'no_stream');
      expect(await placesOf(await received)).toEqual([1, 2]);
    });

    it('from a position: the events after it', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(5), 'no_stream');
      const received = take(store.subscribe({ from: (await harness.places()).at(3) }), 3);
      await tick();
      await store.append('deal-1', newEvents(1), 4);
      expect(await placesOf(await received)).toEqual([4, 5, 6]);
    });

    it('from position 0: the same as from start', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(2), 'no_stream');
      expect(await placesOf(await take(store.subscribe({ from: 0 }), 2))).toEqual([1, 2]);
    });

    // Only a dense log has positions to name before they exist; KurrentDB's are log offsets.
    itWhen(harness.traits.positions === 'dense')('from a position beyond the head: waits until the log reaches it', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(2), 'no_stream');
      const received = take(store.subscribe({ from: 4 }), 2);
      await store.append('deal-1', newEvents(4), 1);
      expect(positionsOf(await received)).toEqual([5, 6]);
    });

    it('with a filter: only matching events, history and live, in order', async () => {
      const { store } = harness;
      await store.append('deal-1', [newEvent({ type: 'A.v1' }), newEvent({ type: 'B.v1' })], 'no_stream');
      await store.append('fund-1', [newEvent({ type: 'A.v1' })], 'no_stream');
      const received = take(store.subscribe({ from: 'start', filter: { categories: ['deal'], eventTypes: ['A.v1'] } }), 3);
      await tick();
      await store.append('fund-1', [newEvent({ type: 'A.v1' })], 'any');
      await store.append('deal-1', [newEvent({ type: 'B.v1' }), newEvent({ type: 'A.v1' })], 'any');
      // Places 4 and 5 do not match: the next event delivered after 6 is 7.
      await store.append('deal-2', [newEvent({ type: 'A.v1' })], 'any');
      expect(await placesOf(await received)).toEqual([1, 6, 7]);
    });

    it('serves several subscribers the same sequence', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(2), 'no_stream');
      const first = take(store.subscribe({ from: 'start' }), 6);
      const second = take(store.subscribe({ from: (await harness.places()).at(1) }), 5);
      await writeInSmallBatches(store, 4);
      expect(await placesOf(await first)).toEqual(range(1, 6));
      expect(await placesOf(await second)).toEqual(range(2, 6));
    });

    describe('no gap and no duplicate between history and live, under concurrent appends', () => {
      const total = 500;

      /** `received` are the events after place `from` of the log, every one once, in order. */
      async function expectSeamless(received: RecordedEvent[], from: number): Promise<void> {
        expect(await placesOf(received)).toEqual(range(from + 1, total));
        const log = await allEvents(harness.store);
        expect(received.map((e) => e.eventId)).toEqual(log.slice(from).map((e) => e.eventId));
      }

      it.each<[string, 'start' | number]>([
        ['start', 'start'],
        ['a position behind the writer', 123],
      ])('from %s, subscribing half-way through the writes', async (_, from) => {
        const { store } = harness;
        const halfway = deferred();
        const writing = writeInSmallBatches(store, total, (written) => {
          if (written >= total / 2) halfway.resolve();
        });
        await halfway.promise;
        const after = from === 'start' ? 0 : from;
        const position = from === 'start' ? 'start' : (await harness.places()).at(from);
        const received = await consume(store.subscribe({ from: position }), total - after);
        await writing;
        await expectSeamless(received, after);
      });

      it('from end, subscribing half-way through the writes', async () => {
        const { store } = harness;
        const halfway = deferred();
        const resume = deferred();
        let held = false;
        const writing = writeInSmallBatches(store, total, async (written) => {
          if (held || written < total / 2) return;
          held = true;
          halfway.resolve();
          await resume.promise;
        });
        await halfway.promise;
        const subscription = store.subscribe({ from: 'end' });
        const head = (await harness.places()).placeOf(await store.headPosition());
        resume.resolve();
        const received = await consume(subscription, total - head);
        await writing;
        await expectSeamless(received, head);
      });
    });

    it('close() ends an iteration that waits for live events, promptly', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(1), 'no_stream');
      const subscription = store.subscribe({ from: 'start' });
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toMatchObject({ position: (await harness.places()).at(1) });
      const waiting = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const closedAt = Date.now();
      subscription.close();
      await expect(waiting).resolves.toEqual({ done: true, value: undefined });
      expect(Date.now() - closedAt).toBeLessThan(1000);
      await store.append('deal-1', newEvents(1), 0);
      await expect(iterator.next()).resolves.toMatchObject({ done: true });
    });

    it('close() inside the loop ends it after the current event', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(5), 'no_stream');
      const log = await harness.places();
      const subscription = store.subscribe({ from: 'start' });
      const seen: number[] = [];
      for await (const event of subscription) {
        seen.push(log.placeOf(event.position));
        if (event.position === log.at(2)) subscription.close();
      }
      expect(seen).toEqual([1, 2]);
    });

    it('close() before the first next() yields nothing', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(2), 'no_stream');
      const subscription = store.subscribe({ from: 'start' });
      subscription.close();
      const seen: RecordedEvent[] = [];
      for await (const event of subscription) seen.push(event);
      expect(seen).toEqual([]);
    });

    it('closing the store ends its subscriptions', async () => {
      const { store } = harness;
      const subscription = store.subscribe({ from: 'start' });
      const waiting = subscription[Symbol.asyncIterator]().next();
      await tick();
      await store.close();
      await expect(waiting).resolves.toMatchObject({ done: true });
    });

    it.each<[string, unknown]>([
      ['a negative position', -1],
      ['a fractional position', 2.5],
      ['an unknown word', 'beginning'],
      ['nothing', undefined],
    ])('refuses to start from %s', async (_, from) => {
      expect(() => harness.store.subscribe({ from: from as never })).toThrow(InvalidArgumentError);
    });
  });
}
