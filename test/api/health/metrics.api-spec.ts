import { StoreUnavailableError, type ComponentHealth, type SelfHealing } from '#event-store';
import { FaultInjectingEventStore } from '#testing';
import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';

/** A part recovering from a failure that passes, after two restarts. */
const recovering: SelfHealing = {
  health: (): ComponentHealth => ({ component: 'test-part', neededToServe: true, state: 'recovering', failure: 'SQLITE_FULL: database or disk is full', restarts: 2 }),
  retryNow: () => undefined,
};

describe('GET /metrics', () => {
  const ledger = useApiLedger({ components: [recovering] });

  const scrape = async () => {
    const response = await ledger.current.anonymous().get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };

  it('says which parts run and how often each restarted, without a credential', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE ledger_component_up gauge');
    expect(text).toContain('ledger_component_up{component="projections"} 1');
    expect(text).toContain('ledger_component_up{component="event-feed"} 1');
    expect(text).toContain('ledger_component_up{component="test-part"} 0');
    expect(text).toContain('# TYPE ledger_component_restarts_total counter');
    expect(text).toContain('ledger_component_restarts_total{component="projections"} 0');
    expect(text).toContain('ledger_component_restarts_total{component="test-part"} 2');
  });

  it('counts the events the read models have not shown yet', async () => {
    const { runner } = ledger.current.runtime;
    await runner.catchUp(5_000);
    expect(await scrape()).toContain('ledger_read_model_lag_events 0');
    await runner.stop();
    try {
      await recordedLines(dealLines(freshDealId('metrics')).slice(0, 2))(ledger.current);
      const text = await scrape();
      expect(text).toContain('ledger_read_model_lag_events 2');
      expect(text).toContain('ledger_component_up{component="projections"} 0');
    } finally {
      runner.start();
    }
  });
});

describe('GET /metrics while the store is down', () => {
  let faulty: FaultInjectingEventStore | undefined;
  const ledger = useApiLedger({ runtime: { aroundStore: (store) => (faulty = new FaultInjectingEventStore(store)) } });

  it('still says which parts run, and the lag as not known rather than fail the scrape', async () => {
    faulty!.inject(new StoreUnavailableError('connection refused'));
    try {
      const response = await ledger.current.anonymous().get('/metrics').expect(200);
      expect(response.text).toMatch(/ledger_component_up\{component="projections"\} [01]/);
      expect(response.text).toMatch(/^ledger_read_model_lag_events nan$/im);
    } finally {
      faulty!.clear();
    }
  });
});
