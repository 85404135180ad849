import { DEFAULT_OPERATIONS } from '#runtime';
import { StoreUnavailableError } from '#event-store';
import { FaultInjectingEventStore } from '#testing';
import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';

describe('GET /health/ready: the read models within LEDGER_READY_MAX_LAG of the log', () => {
  const ledger = useApiLedger({ config: { operations: { ...DEFAULT_OPERATIONS, readyMaxLagEvents: 1 } } });

  it('is ready while caught up, and says how far behind it is against the bound', async () => {
    await ledger.current.runtime.runner.catchUp(5_000);
    const ready = await ledger.current.anonymous().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', store: { reachable: true }, readModels: { lag: 0, maxLag: 1, caughtUp: true } });
  });

  it('reports more events waiting than the bound as not caught up', async () => {
    const { runner } = ledger.current.runtime;
    await runner.stop();
    try {
      await recordedLines(dealLines(freshDealId('ready')).slice(0, 3))(ledger.current);
      const behind = await ledger.current.anonymous().get('/health/ready').expect(503);
      expect(behind.body).toMatchObject({ status: 'not_ready', readModels: { lag: 3, maxLag: 1, caughtUp: false } });
    } finally {
      runner.start();
    }
    await runner.catchUp(5_000);
    await ledger.current.anonymous().get('/health/ready').expect(200);
  });
});

describe('GET /health/ready and /health/live while the store is down', () => {
  let faulty: FaultInjectingEventStore | undefined;
  const ledger = useApiLedger({ runtime: { aroundStore: (store) => (faulty = new FaultInjectingEventStore(store)) } });

  it('is not ready, saying the log does not answer; the liveness probe still answers 200', async () => {
    faulty!.inject(new StoreUnavailableError('connection refused'));
    try {
      const response = await ledger.current.anonymous().get('/health/ready').expect(503);
      expect(response.body).toMatchObject({ status: 'not_ready', store: { reachable: false, failure: expect.stringContaining('connection refused') }, readModels: { lag: null, caughtUp: false } });
      await ledger.current.anonymous().get('/health/live').expect(200, { status: 'alive' });
    } finally {
      faulty!.clear();
    }
  });
});
