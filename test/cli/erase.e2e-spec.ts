import { runCliAsync, startServe, stop } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { ROLE_KEYS, tempDataDir } from '../support/test-ledger.js';

beforeAll(() => {
  assertBuildIsCurrent(['apps/cli/src/records', 'apps/cli/src/admin-client', 'apps/api/src/admin', 'libs/application/src/records']);
});

/**
 * `ledger personal-data find` and `ledger erase` against a running `ledger serve`: an erasure
 * is refused while a legal hold covers a record naming the subject (409, the hold named, the
 * name kept), and goes through once the hold is released.
 */
describe('ledger erase, with ledger serve running and a legal hold in force', () => {
  const data = tempDataDir();
  const env = { LEDGER_DATA_DIR: data.dir, LEDGER_API_KEYS: `admin-1:admin:${ROLE_KEYS.admin}`, LEDGER_API_KEY: ROLE_KEYS.admin };
  let server: Awaited<ReturnType<typeof startServe>>;
  const ledger = (...args: string[]) => runCliAsync([...args, '--url', server.url], env);

  beforeAll(async () => {
    server = await startServe(env);
  });
  afterAll(async () => {
    if (server) await stop(server.child);
    data.remove();
  });

  it('finds the reporter of the reference deal, refuses to erase her under a hold on the deal, and erases her once it is released', async () => {
    const found = await ledger('personal-data', 'find', 'obayashi', '--json');
    expect(found.status).toBe(0);
    const [{ subject, name, streams }] = JSON.parse(found.stdout);
    expect({ name, streams }).toEqual({ name: 'Yuka Obayashi', streams: ['deal-caremag-2025'] });

    const placed = await ledger('holds', 'place', '--deal', 'caremag-2025', '--reason', 'Litigation (hypothetical)', '--reference', 'CASE-7', '--json');
    const { holdId } = JSON.parse(placed.stdout);
    const refused = await ledger('erase', '--subject', subject, '--reason', 'GDPR Art. 17 request 2026-041');
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({
      status: 1,
      stderr: expect.stringMatching(new RegExp(`^ledger: RECORDS\\.UNDER_LEGAL_HOLD: .*${holdId} \\(CASE-7: Litigation \\(hypothetical\\)\\)`)),
    });
    expect(JSON.parse((await ledger('personal-data', 'find', 'obayashi', '--json')).stdout)).toHaveLength(1);

    expect((await ledger('holds', 'release', holdId, '--reason', 'The case settled')).status).toBe(0);
    const erased = await ledger('erase', '--subject', subject, '--reason', 'GDPR Art. 17 request 2026-041');
    expect(erased.status).toBe(0);
    expect(erased.stdout).toMatch(/^Erased [0-9a-f]{64} at \S+: deal-caremag-2025 now read "erased on \d{4}-\d{2}-\d{2} under GDPR Art\. 17 request 2026-041"\.\n$/);
    expect((await ledger('personal-data', 'find', 'obayashi')).stdout).toBe('No name held contains "obayashi".\n');
  });
});
