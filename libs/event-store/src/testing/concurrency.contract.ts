import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors.js';
import { allEvents, itWhen, newEvent, newEvents, range, tick, type ContractHarness } from './contract-fixtures.js';

export function describeConcurrencyContract(harness: ContractHarness): void {
  describe('concurrent appenders to one stream', () => {
    it('exactly one of several simultaneous writes at the same expected revision wins', async () => {
      const { store } = harness;
      for (const expected of ['no_stream', 0, 1, 2] as const) {
        const outcomes = await Promise.allSettled(range(1, 10).map(() => store.append('deal-1', [newEvent()], expected)));
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(9);
        for (const { reason } of lost) expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      expect((await store.readStream('deal-1')).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });

    it('read–decide–append loops: every revision is won by exactly one writer, the others retry', async () => {
      const { store } = harness;
      const target = 40;
      const winners = new Map<number, number[]>();
      let conflicts = 0;
      await Promise.all(
        range(1, 8).map(async (writer) => {
          for (;;) {
            const [last] = await store.readStream('deal-1', { direction: 'backwards', maxCount: 1 });
            if (last && last.revision >= target - 1) return;
            await tick(); // the decision takes a while: others may write meanwhile
            try {
              const result = await store.append('deal-1', newEvents(1, { data: { writer } }), last ? last.revision : 'no_stream');
              winners.set(result.firstRevision, [...(winners.get(result.firstRevision) ?? []), writer]);
            } catch (error) {
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
              conflicts++;
            }
          }
        }),
      );
      const stream = await store.readStream('deal-1');
      expect(stream.map((e) => e.revision)).toEqual(range(0, target - 1));
      expect([...winners.keys()].sort((a, b) => a - b)).toEqual(range(0, target - 1));
      for (const [revision, writers] of winners) {
        expect(writers).toHaveLength(1);
        expect(stream[revision]!.data.writer).toBe(writers[0]);
      }
      expect(conflicts).toBeGreaterThan(0);
    });
  });

  /**
   * Writes issued together, none awaited before the next is made: a store may commit them
   * together (SQLite's group commit does), but each must have the outcome it would have had
   * alone, decided in the order they were made. Held to the adapters that decide in that
   * order (SQLite, in memory: their positions are dense); KurrentDB's concurrent appends are
   * separate calls its server may take in any order.
   */
  describe('writes issued together', () => {
    const inOrder = harness.traits.positions === 'dense';

    itWhen(inOrder)('a conflicting append fails alone with the usual error; the others are written, in the order they were made', async () => {
      const { store } = harness;
      await store.append('deal-1', newEvents(1), 'no_stream');
      const writes = [
        () => store.append('deal-2', newEvents(2), 'no_stream'),
        // Made before the next one: deal-1 is still at 0 when this is decided.
        () => store.append('deal-1', newEvents(1), 5),
        () => store.append('deal-1', newEvents(1, { data: { won: true } }), 0),
        // Decided after the one above: deal-1 is at 1 by then.
        () => store.append('deal-1', newEvents(1), 0),
        () => store.appendMany([
          { streamId: 'deal-3', events: newEvents(1), expectedRevision: 'no_stream' },
          { streamId: 'deal-4', events: newEvents(2), expectedRevision: 'no_stream' },
        ]),
        () => store.append('deal-2', newEvents(1), 'stream_exists'),
      ];
      const outcomes = await Promise.allSettled(writes.map((write) => write()));
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const [early, late] = [outcomes[1], outcomes[3]] as PromiseRejectedResult[];
      expect(early!.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(early!.reason).toMatchObject({ code: 'CONCURRENCY.WRONG_EXPECTED_REVISION', streamId: 'deal-1', expected: 5, actual: 0 });
      expect(late!.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(late!.reason).toMatchObject({ streamId: 'deal-1', expected: 0, actual: 1 });

      expect((await store.readStream('deal-1')).map((e) => [e.revision, e.data.won ?? false])).toEqual([[0, false], [1, true]]);
      expect((await store.readStream('deal-2')).map((e) => e.revision)).toEqual([0, 1, 2]);
      const log = await allEvents(store);
      expect(log).toHaveLength(1 + 2 + 1 + 3 + 1);
      // The log holds them in the order they were made (what the hash chain and every reader see).
      expect(log.map((e) => e.streamId)).toEqual(['deal-1', 'deal-2', 'deal-2', 'deal-1', 'deal-3', 'deal-4', 'deal-4', 'deal-2']);
    });

    itWhen(harness.traits.eventIds === 'unique-in-store')('an event id already stored fails that append alone; the others are written', async () => {
      const { store } = harness;
      const stored = newEvent();
      await store.append('deal-1', [stored], 'no_stream');
      const outcomes = await Promise.allSettled([
        store.append('deal-2', newEvents(1), 'no_stream'),
        store.append('deal-3', [newEvent(), { ...newEvent(), eventId: stored.eventId }], 'no_stream'),
        store.append('deal-3', newEvents(1), 'no_stream'),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
      // Nothing of the refused append is stored, not even its first event.
      expect((await allEvents(store)).map((e) => [e.streamId, e.revision])).toEqual([['deal-1', 0], ['deal-2', 0], ['deal-3', 0]]);
    });
  });
}
