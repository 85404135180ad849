import { FaultInjectingEventStore } from '#testing';
import { StoreUnavailableError } from '#event-store';
import { loadConfig, openLedgerRuntime, type LedgerRuntime } from '#runtime';
import { capturedLog } from '../support/captured-log.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * What the runtime reports on its own, away from any request (issue 17, item 11): through
 * the ledger's JSON logger `ledger serve` hands it, one structured line per report, never a
 * bare console line an operator's log pipeline cannot parse.
 */
describe('the runtime reports through the ledger logger', () => {
  const data = tempDataDir();
  const log = capturedLog('info');
  let faulty: FaultInjectingEventStore;
  let runtime: LedgerRuntime;

  beforeAll(async () => {
    runtime = await openLedgerRuntime(
      { ...loadConfig({}), dataDir: data.dir, store: 'sqlite', seedReferenceDeal: false },
      { report: log.logger, aroundStore: (store) => (faulty = new FaultInjectingEventStore(store)) },
    );
  });

  afterAll(async () => {
    faulty.clear();
    await runtime.close();
    data.remove();
  });

  it('a projection operation that cannot be recorded in the admin stream is an error line in JSON, with its component and error', async () => {
    faulty.inject(new StoreUnavailableError('the disk went away'));
    runtime.projectionAdmin.recordRunnerOperation({ type: 'rebuilt-in-place', projection: 'deal-state', fromVersion: 1, toVersion: 2 });
    await runtime.projectionAdmin.settled();
    faulty.clear();
    const lines = log.lines().filter((line) => line.component === 'projection-admin');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      service: 'deal-ledger',
      component: 'projection-admin',
      msg: expect.stringMatching(/^Could not record a projection operation in the admin stream: .*the disk went away/),
      err: expect.objectContaining({ message: expect.stringContaining('the disk went away') }),
    });
    expect(typeof lines[0]!.time).toBe('string');
  });
});
