import { closedLoopbackPort } from '../../libs/event-store/src/testing/closed-loopback-port.js';
import { runCli } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * `ledger serve` with LEDGER_STORE=kurrentdb when KurrentDB cannot be reached: one line
 * saying why, no stack trace. (The other configuration errors: kurrentdb-config.spec.ts.)
 */
describe('ledger serve on KurrentDB that cannot be reached', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('stops with exit code 2 and one line naming the address, without the credentials', async () => {
    const port = await closedLoopbackPort();
    const result = runCli(['serve'], {
      LEDGER_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: `kurrentdb://ledger:s3cret@127.0.0.1:${port}?tls=false`,
      LEDGER_DATA_DIR: data.dir,
      PORT: '0',
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      `ledger: Cannot reach KurrentDB at kurrentdb://127.0.0.1:${port}: no server answered there (LEDGER_STORE=kurrentdb, KURRENTDB_CONNECTION_STRING)`,
    );
    expect(result.stdout).not.toContain('Deal Ledger on');
  });
});
