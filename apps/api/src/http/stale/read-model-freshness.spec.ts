import { defaultApplicationOptions } from '#application';
import { Logger } from '@nestjs/common';
import { StoreUnavailableError, type EventStore } from '#event-store';
import type { ReadModelProgress, RunnerState } from '#projections';
import { ReadModelFreshness } from './read-model-freshness.js';

/** Read models at `position` of a log whose head is `head`; a wait moves them to `reachesOnWait`. */
function freshness(options: { head: number | Error; position: number; state?: RunnerState; reachesOnWait?: number; heldBack?: string[] }) {
  const waits: number[] = [];
  const readModels: ReadModelProgress = {
    state: options.state ?? 'running',
    position: options.position,
    waitFor(position, timeoutMs) {
      waits.push(timeoutMs);
      if (options.reachesOnWait !== undefined) (readModels as { position: number }).position = options.reachesOnWait;
      return Promise.resolve(readModels.position >= position);
    },
    heldBack: () => new Set(options.heldBack ?? []),
  };
  const { head } = options;
  const store = { headPosition: () => (head instanceof Error ? Promise.reject(head) : Promise.resolve(head)) } as EventStore;
  return { check: new ReadModelFreshness(readModels, store, { ...defaultApplicationOptions, staleReadWaitMs: 40 }), waits };
}

describe('whether the read models show the whole log before a read', () => {
  it('does not wait when they are at the head', async () => {
    const { check, waits } = freshness({ head: 7, position: 7 });
    expect(await check.beforeReading()).toBeUndefined();
    expect(waits).toEqual([]);
  });

  it('waits staleReadWaitMs for them, and the answer is fresh when they got there', async () => {
    const { check, waits } = freshness({ head: 7, position: 5, reachesOnWait: 7 });
    expect(await check.beforeReading()).toBeUndefined();
    expect(waits).toEqual([40]);
  });

  it('says how far behind they still are after the wait, from where the wait left them', async () => {
    const { check } = freshness({ head: 9, position: 4, reachesOnWait: 6, state: 'faulted' });
    expect(await check.beforeReading()).toEqual({ behind: 3, readModelPosition: '6', head: '9', state: 'faulted' });
  });

  it('answers from the read models when the log cannot be read, saying that how far behind is not known', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { check, waits } = freshness({ head: new StoreUnavailableError('connection refused'), position: 4 });
    expect(await check.beforeReading()).toEqual({ readModelPosition: '4', state: 'running' });
    expect(waits).toEqual([]);
  });

  it('names the deals of the answer that wait behind a quarantined event, even with the read models at the head', async () => {
    const { check } = freshness({ head: 7, position: 7, heldBack: ['deal-alpha', 'deal-beta', 'admin-projections'] });
    expect(await check.beforeReading('alpha')).toEqual({ behind: 0, readModelPosition: '7', head: '7', state: 'running', heldBack: ['alpha'] });
    expect(await check.beforeReading('gamma')).toBeUndefined();
    expect(await check.beforeReading()).toMatchObject({ heldBack: ['alpha', 'beta'] });
  });
});
