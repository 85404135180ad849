import { join } from 'node:path';
import { commandOf, recordCommands } from '#testing';
import { DEFAULT_OPERATIONS } from '#runtime';
import { SqliteTamperer } from '../../libs/event-store/src/testing/sqlite-tamper.js';
import { referenceDealLines } from '../support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';
import { capturedLog } from '../support/captured-log.js';

/** LEDGER_VERIFY_EVERY_S over a real SQLite file edited behind the store's back. */
describe('the scheduled self-verification', () => {
  const data = tempDataDir();
  const log = capturedLog('info');
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir, config: { operations: { ...DEFAULT_OPERATIONS, verifyEverySeconds: 1 } }, log: log.logger });
    await recordCommands(ledger.runtime.store, referenceDealLines().map(commandOf));
    await ledger.runtime.runner.catchUp(5_000);
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  const waitFor = async (found: () => boolean, what: string) => {
    for (let i = 0; i < 100 && !found(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!found()) throw new Error(`${what} did not happen:\n${log.text()}`);
  };

  it('verifies on its own and says so in the log and the metrics, the replica ready', async () => {
    await waitFor(() => log.lines().some((line) => line.context === 'SelfVerification' && /^The ledger verified: 12 events/.test(line.msg)), 'a verification');
    const metrics = (await ledger.anonymous().get('/metrics').expect(200)).text;
    expect(metrics).toContain('ledger_verification_ok 1');
    expect(metrics).toContain('ledger_component_up{component="self-verification"} 1');
    const ready = await ledger.anonymous().get('/health/ready').expect(200);
    expect(ready.body.components).toContainEqual({ component: 'self-verification', neededToServe: false, state: 'running', restarts: 0 });
  });

  it('finds an edit of the log: an error line, ledger_verification_ok 0, and the part faulted in /health/ready with the problem', async () => {
    const tamperer = new SqliteTamperer(join(data.dir, 'events.sqlite'));
    tamperer.flipPayloadByte(3);
    tamperer.close();
    await waitFor(() => log.lines().some((line) => line.level === 'error' && /^THE LEDGER DOES NOT VERIFY: CHAIN.HASH_MISMATCH/.test(line.msg)), 'the failure');

    const metrics = (await ledger.anonymous().get('/metrics').expect(200)).text;
    expect(metrics).toContain('ledger_verification_ok 0');
    expect(metrics).toMatch(/ledger_verifications_total\{result="failed"\} [1-9]/);
    expect(metrics).toContain('ledger_component_up{component="self-verification"} 0');
    // Still ready: the answers are what they were; the history is what is in question.
    const ready = await ledger.anonymous().get('/health/ready').expect(200);
    expect(ready.body.components).toContainEqual(
      expect.objectContaining({ component: 'self-verification', neededToServe: false, state: 'faulted', failure: expect.stringMatching(/^CHAIN.HASH_MISMATCH: /) }),
    );
  });
});
