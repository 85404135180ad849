import { StoreUnavailableError } from '../event-store.errors.js';
import { RestartSchedule } from './restart-schedule.js';

const sqlite = (code: string) => Object.assign(new Error('disk I/O error'), { code });
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RestartSchedule', () => {
  it('restarts after a transient failure on its own, and forgets the failure once work is done again', async () => {
    let restarts = 0;
    const schedule = new RestartSchedule(() => (restarts += 1), { firstDelayMs: 5, longestDelayMs: 20 });
    expect(schedule.afterFailure(new StoreUnavailableError('refused'))).toBe(true);
    expect(schedule.health('event-feed', 'failed')).toMatchObject({ state: 'recovering', failure: 'STORE.UNAVAILABLE: refused', restarts: 0 });
    await settle(30);
    expect(restarts).toBe(1);
    expect(schedule.health('event-feed', 'running')).toMatchObject({ state: 'running', restarts: 1 });
    schedule.succeeded();
    expect(schedule.health('event-feed', 'running')).toEqual({ component: 'event-feed', state: 'running', restarts: 1 });
    schedule.cancel();
  });

  it('leaves a failure that needs an operator faulted until retryNow, and keeps when it began', async () => {
    let restarts = 0;
    const clock = { now: new Date('2026-12-03T10:00:00Z') };
    const schedule = new RestartSchedule(() => (restarts += 1), { clock: () => clock.now });
    expect(schedule.afterFailure(sqlite('SQLITE_CORRUPT'))).toBe(false);
    clock.now = new Date('2026-12-03T10:05:00Z');
    schedule.afterFailure(sqlite('SQLITE_CORRUPT'));
    expect(schedule.health('log-tree', 'failed')).toEqual({
      component: 'log-tree',
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
});
