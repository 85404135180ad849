import { WrongExpectedRevisionError } from '../event-store.errors.js';
import { newEvent, newEvents, range, tick, type ContractHarness } from './contract-fixtures.js';

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
}
