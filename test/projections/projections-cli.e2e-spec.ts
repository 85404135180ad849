import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { localApiKey, runCli, startServe, stop } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * `ledger projections`: on the data directory when no server runs, through the server's
 * admin routes when one does (with --url, or found at HOST:PORT when it holds the files).
 */
describe('ledger projections', () => {
  const data = tempDataDir();
  const env = { LEDGER_DATA_DIR: data.dir, LEDGER_SQLITE_SYNCHRONOUS: 'NORMAL' };
  const jsonLines = (stdout: string) =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, any>);

  beforeAll(async () => {
    assertBuildIsCurrent(['libs/projections/src', 'libs/runtime/src', 'libs/application/src/admin', 'apps/api/src/admin', 'apps/cli/src/projections']);
    // A first serve loads the reference deal and builds the read models.
    const first = await startServe(env);
    await stop(first.child);
  });

  afterAll(() => data.remove());

  async function adminStream() {
    const store = await SqliteEventStore.open({ file: join(data.dir, 'events.sqlite') });
    try {
      return await store.readStream('admin-projections');
    } finally {
      await store.close();
    }
  }

  it('lists the projections of a data directory no server holds', () => {
    const { status, stdout, stderr } = runCli(['projections', 'list', '--json'], env);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const { projections } = JSON.parse(stdout);
    expect(projections.map((p: { name: string; state: string }) => [p.name, p.state])).toEqual([
      ['deal-state', 'stopped'],
      ['audit-trail', 'stopped'],
      ['party-directory', 'stopped'],
    ]);
    expect(projections[0]).toMatchObject({ checkpoint: projections[0].head, lag: { events: 0 }, blueGreen: true });

    const table = runCli(['projections', 'list'], env);
    expect(table.stdout).toMatch(/^projection\s+version\s+state\s+checkpoint\s+head\s+lag/m);
    expect(table.stdout).toMatch(/^deal-state\s+v\d+\s+stopped/m);
  });

  it('lists the projections of a data directory whose read models were never built', () => {
    const fresh = tempDataDir();
    try {
      const { status, stdout, stderr } = runCli(['projections', 'list', '--json'], { ...env, LEDGER_DATA_DIR: fresh.dir });
      expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
      expect(JSON.parse(stdout).projections[0]).toMatchObject({ name: 'deal-state', state: 'stopped', checkpoint: '0', head: '0' });
    } finally {
      fresh.remove();
    }
  });

  it('rebuilds on the data directory, with progress and the comparison report, recorded under the local actor', async () => {
    const { status, stdout, stderr } = runCli(
      ['projections', 'rebuild', 'deal-state', '--json', '--actor', 'ops-oncall', '--reason', 'drill', '--interval', '10'],
      env,
    );
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const lines = jsonLines(stdout);
    expect(lines[0]).toMatchObject({ type: 'started', kind: 'rebuild', projection: 'deal-state', requestedBy: 'ops-oncall' });
    expect(lines[lines.length - 1]).toMatchObject({ type: 'swapped', projection: 'deal-state', comparison: { identical: true } });
    const [requested] = (await adminStream()).filter((e) => e.type === 'ProjectionRebuildRequested.v1');
    expect(requested).toMatchObject({ metadata: { actor: 'ops-oncall' }, data: { projection: 'deal-state', reason: 'drill' } });

    const human = runCli(['projections', 'rebuild', 'deal-state'], env);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/deal-state: generation \d+ \(v\d+\) swapped in at \d+/);
    expect(human.stdout).toContain('The new rows are identical to the ones they replace.');
  });

  it('refuses what a projection cannot do, with the code', () => {
    const replay = runCli(['projections', 'replay', 'deal-state', '--from', '1'], env);
    expect(replay.status).toBe(1);
    expect(replay.stderr).toContain('PROJECTION.REPLAY_UNSUPPORTED');
    const both = runCli(['projections', 'replay', 'deal-state', '--from', '1', '--since', '2025-01-01', '--json'], env);
    expect(both.status).toBe(1);
    expect(jsonLines(both.stdout)).toEqual([expect.objectContaining({ type: 'error', code: 'REQUEST.VALIDATION_FAILED' })]);
    const unknown = runCli(['projections', 'rebuild', 'nope'], env);
    expect(unknown.stderr).toContain('PROJECTION.NOT_FOUND');
  });

  it('asks the running server, by --url or by HOST:PORT when the server holds the files', async () => {
    const server = await startServe(env);
    try {
      const key = localApiKey(data.dir);
      const listed = runCli(['projections', 'list', '--json', '--url', server.url, '--key', key], env);
      expect(listed.status).toBe(0);
      expect(JSON.parse(listed.stdout).projections[0]).toMatchObject({ name: 'deal-state', state: 'running' });

      // No --url: the files are locked, so the command finds the server where PORT says.
      const port = new URL(server.url).port;
      const rebuilt = runCli(['projections', 'rebuild', 'deal-state', '--json', '--interval', '20'], { ...env, PORT: port });
      expect({ status: rebuilt.status, stderr: rebuilt.stderr }).toEqual({ status: 0, stderr: '' });
      expect(jsonLines(rebuilt.stdout).pop()).toMatchObject({ type: 'swapped', comparison: { identical: true } });
      const deal = await fetch(`${server.url}/deals/caremag-2025`, { headers: { Authorization: `Bearer ${key}` } });
      expect(deal.status).toBe(200);

      const noKey = runCli(['projections', 'list', '--url', server.url, '--key', 'wrong'], env);
      expect(noKey.status).toBe(1);
      expect(noKey.stderr).toContain('AUTH.UNAUTHENTICATED');
    } finally {
      await stop(server.child);
    }
    // Through the server, the key's actor is the one recorded: the local admin key's name.
    const requests = (await adminStream()).filter((e) => e.type === 'ProjectionRebuildRequested.v1');
    expect(requests[requests.length - 1]!.metadata.actor).toBe('local-admin');
  });
});
