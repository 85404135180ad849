import { runCliAsync, startServe, stop } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { ROLE_KEYS, tempDataDir } from '../support/test-ledger.js';

beforeAll(() => {
  assertBuildIsCurrent(['apps/cli/src/holds', 'apps/api/src/admin', 'libs/application/src/records']);
});

/**
 * `ledger holds` against a running `ledger serve`: a hold placed, listed, released and listed
 * again with its release, under an admin's key (LEDGER_API_KEY); the server's refusals
 * (a zone-less time, a second release) and the roles it enforces come back with their codes.
 */
describe('ledger holds, with ledger serve running on a fresh data dir', () => {
  const data = tempDataDir();
  // The admin's key from LEDGER_API_KEY, as an operator's shell would hold it.
  const env = { LEDGER_DATA_DIR: data.dir, LEDGER_API_KEYS: `admin-1:admin:${ROLE_KEYS.admin},viewer-1:viewer:${ROLE_KEYS.viewer}`, LEDGER_API_KEY: ROLE_KEYS.admin };
  let server: Awaited<ReturnType<typeof startServe>>;
  const holds = (...args: string[]) => runCliAsync(['holds', ...args, '--url', server.url], env);

  beforeAll(async () => {
    server = await startServe(env);
  });
  afterAll(async () => {
    if (server) await stop(server.child);
    data.remove();
  });

  it('places a hold on a deal, lists it, releases it, and lists it released with who, when and why', async () => {
    const placed = await holds('place', '--deal', 'caremag-2025', '--reason', 'Litigation hold (hypothetical)', '--reference', 'CASE-1', '--json');
    expect({ status: placed.status, stderr: placed.stderr }).toEqual({ status: 0, stderr: '' });
    const hold = JSON.parse(placed.stdout);
    expect(hold).toMatchObject({ scope: { kind: 'deal', dealId: 'caremag-2025' }, reference: 'CASE-1', placedBy: 'admin-1', inForce: true });

    const listed = await holds('list');
    expect(listed.stdout.trim()).toBe(`${hold.holdId}  CASE-1  deal caremag-2025  since ${hold.placedAt} by admin-1  (Litigation hold (hypothetical))`);

    const released = await holds('release', hold.holdId, '--reason', 'The case settled');
    expect(released.status).toBe(0);
    expect(released.stdout).toMatch(new RegExp(`^Released ${hold.holdId} \\(CASE-1\\) at \\d{4}-\\d{2}-\\d{2}T`));
    expect((await holds('list')).stdout.trim()).toBe('No hold is in force.');
    expect((await holds('list', '--all')).stdout).toContain('RELEASED');
    expect((await holds('list', '--all')).stdout).toContain('by admin-1: The case settled');

    const again = await holds('release', hold.holdId, '--reason', 'again');
    expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 1, stderr: expect.stringMatching(/^ledger: HOLD\.ALREADY_RELEASED: .* \(field: holdId\)\n$/) });
  });

  it('a range needs both ends and zoned times; a scope is one of deal, party or range; a viewer key is refused: exit 1, the code on stderr', async () => {
    const zoneless = await holds('place', '--from', '2025-01-01T00:00:00', '--to', '2025-02-01', '--reason', 'r', '--reference', 'x');
    expect({ status: zoneless.status, stderr: zoneless.stderr }).toEqual({ status: 1, stderr: 'ledger: TIME.INVALID_TIMESTAMP: scope.from must be an ISO-8601 date or date-time with a zone (field: scope.from)\n' });
    const open = await holds('place', '--from', '2025-01-01', '--reason', 'r', '--reference', 'x');
    expect(open.stderr).toBe('ledger: REQUEST.VALIDATION_FAILED: scope.to is required for a recorded hold (field: scope.to)\n');
    const two = await holds('place', '--deal', 'caremag-2025', '--party', 'jogmec', '--reason', 'r', '--reference', 'x');
    expect({ status: two.status, stderr: two.stderr }).toEqual({ status: 1, stderr: 'ledger: REQUEST.VALIDATION_FAILED: give exactly one of --deal, --party, or --from with --to\n' });
    const viewer = await holds('list', '--key', ROLE_KEYS.viewer);
    expect({ status: viewer.status, stderr: viewer.stderr }).toEqual({ status: 1, stderr: expect.stringMatching(/^ledger: AUTH\.FORBIDDEN: /) });
    expect((await holds('list', '--all')).stdout.trim().split('\n')).toHaveLength(1);
  });
});
