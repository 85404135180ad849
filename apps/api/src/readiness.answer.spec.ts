import type { ComponentHealth } from '#event-store';
import { readinessAnswer, type ReadinessChecks } from './readiness.answer.js';

const running: ComponentHealth[] = [
  { component: 'projections', neededToServe: true, state: 'running', restarts: 0 },
  { component: 'log-tree', neededToServe: false, state: 'faulted', failure: 'TREE.LEAF_MISMATCH', restarts: 0 },
];
const fine: ReadinessChecks = { store: { reachable: true }, readModels: { lag: 0, maxLag: 10, caughtUp: true } };

describe('readiness', () => {
  it('is ready when every part requests need runs and every check passes', () => {
    expect(readinessAnswer(running, fine).status).toBe('ready');
  });

  it.each<[string, ReadinessChecks]>([
    ['the log does not answer', { ...fine, store: { reachable: false, failure: 'connection refused' } }],
    ['the read models are further behind than the bound', { ...fine, readModels: { lag: 11, maxLag: 10, caughtUp: false } }],
    ['a shutdown began', { ...fine, shuttingDownSince: '2026-12-04T03:00:00.000Z' }],
  ])('is not ready, all parts running, when %s', (_why, checks) => {
    const answer = readinessAnswer(running, checks);
    expect(answer.status).toBe('not_ready');
    expect(answer).toMatchObject(checks);
  });

  it('answers the admin retry with the parts alone', () => {
    expect(readinessAnswer(running)).toEqual({ status: 'ready', components: running });
  });
});
