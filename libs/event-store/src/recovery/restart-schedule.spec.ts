import { StoreUnavailableError } from '../event-store.errors.js';
import { RestartSchedule } from './restart-schedule.js';

const sqlite = (code: string) => Object.assign(new Error('disk I/O error'), { code });
const FEED = { component: 'event-feed', neededToServe: true };
const TREE = { component: 'log-tree', neededToServe: false };
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RestartSchedule', () => {
  it('restarts after a transient failure on its own, and forgets the failure once work is done again', async () => {
    let restarts = 0;
    const schedule = new RestartSchedule(() => (restarts += 1), { firstDelayMs: 5, longestDelayMs: 20 });
    expect(schedule.afterFailure(new StoreUnavailableError('refused'))).toBe(true);
    expect(schedule.health(FEED, 'failed')).toMatchObject({ state: 'recovering', failure: 'STORE.UNAVAILABLE: refused', restarts: 0 });
    await settle(30);
    expect(restarts).toBe(1);
    expect(schedule.health(FEED, 'running')).toMatchObject({ state: 'running', restarts: 1 });
    schedule.succeeded();
    expect(schedule.health(FEED, 'running')).toEqual({ ...FEED, state: 'running', restarts: 1 });
    schedule.cancel();
  });

  it('leaves a failure that needs an operator faulted until retryNow, and keeps when it began', async () => {
    let restarts = 0;
    const clock = { now: new Date('2026-12-03T10:00:00Z') };
    const schedule = new RestartSchedule(() => (restarts += 1), { clock: () => clock.now });
    expect(schedule.afterFailure(sqlite('SQLITE_CORRUPT'))).toBe(false);
    clock.now = new Date('2026-12-03T10:05:00Z');
    schedule.afterFailure(sqlite('SQLITE_CORRUPT'));
    expect(schedule.health(TREE, 'failed')).toEqual({
      ...TREE,
      state: 'faulted',
      failure: 'SQLITE_CORRUPT: disk I/O error',
      failingSince: '2026-12-03T10:00:00.000Z',
      restarts: 0,
    });
    await settle(150);
    expect(restarts).toBe(0);
    schedule.retryNow();
    expect(restarts).toBe(1);
  });

  it('does nothing on retryNow when nothing failed', () => {
    let restarts = 0;
    const schedule = new RestartSchedule(() => (restarts += 1));
    schedule.retryNow();
    expect(restarts).toBe(0);
  });

  it('while a restart is under way it stays recovering and takes no second retry, until the part resumes', async () => {
    let restarts = 0;
    const schedule = new RestartSchedule(() => (restarts += 1), { firstDelayMs: 1 });
    schedule.afterFailure(new StoreUnavailableError('refused'));
    await settle(20);
    expect(restarts).toBe(1);
    expect(schedule.health(FEED, 'failed').state).toBe('recovering');
    schedule.retryNow();
    expect(restarts).toBe(1);
    schedule.resumed();
    expect(schedule.health(FEED, 'running')).toEqual({ ...FEED, state: 'running', restarts: 1 });
  });

  it('reports the first failure of each episode once: again only after the part resumed', () => {
    const reported: unknown[] = [];
    const schedule = new RestartSchedule(() => undefined, { onFirstFailure: (error) => reported.push(error) });
    const first = new StoreUnavailableError('refused');
    schedule.afterFailure(first);
    schedule.afterFailure(new StoreUnavailableError('refused again'));
    expect(reported).toEqual([first]);
    schedule.resumed();
    const later = new StoreUnavailableError('refused hours later');
    schedule.afterFailure(later);
    expect(reported).toEqual([first, later]);
    schedule.cancel();
  });
});
