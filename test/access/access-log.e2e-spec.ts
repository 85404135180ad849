import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ACCESS_LOG_STREAM } from '#application';
import { SqliteEventStore } from '#event-store';
import { commandOf, ControlledClock, recordCommands } from '#testing';
import { SqliteTamperer } from '../../libs/event-store/src/testing/sqlite-tamper.js';
import { runCli } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { REFERENCE_DEAL_ID, referenceDealLines } from '../support/reference-deal.js';
import { bearer, ROLE_KEYS, startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';

/**
 * The access log: every audit read (history, as-of, diff, /audit/changes, CLI export) is
 * an entry of the `access-log` stream, queried by admins at GET /admin/access-log. Each
 * read happens at its own minute of a controlled clock, so `at` and the from/to filters
 * have exact answers.
 */
const DEAL = `/deals/${REFERENCE_DEAL_ID}`;
const auditor = bearer(ROLE_KEYS.auditor);
const admin = bearer(ROLE_KEYS.admin);

/** The reads, oldest first: who, the request, when, and the entry it must leave (if any). */
const READS = [
  { as: auditor, url: `${DEAL}/figures/investment-amount/history`, at: '2026-01-05T10:00:00.000Z', kind: 'history', dealId: REFERENCE_DEAL_ID, status: 200 },
  { as: auditor, url: `${DEAL}?knownAt=2025-03-18`, at: '2026-01-05T10:01:00.000Z', kind: 'as-of', dealId: REFERENCE_DEAL_ID, status: 200 },
  { as: auditor, url: `${DEAL}/diff?from=2025-03-17T11:00:00Z&to=2026-01-01`, at: '2026-01-05T10:02:00.000Z', kind: 'diff', dealId: REFERENCE_DEAL_ID, status: 200 },
  { as: auditor, url: `/audit/changes?dealId=${REFERENCE_DEAL_ID}&kind=initial`, at: '2026-01-05T10:03:00.000Z', kind: 'changes', dealId: null, status: 200 },
  // A plain read of the deal is not an audit read: nothing logged.
  { as: bearer(ROLE_KEYS.viewer), url: DEAL, at: '2026-01-05T10:04:00.000Z', kind: undefined, dealId: null, status: 200 },
  { as: auditor, url: `${DEAL}/figures/no-such-figure/history`, at: '2026-01-05T10:05:00.000Z', kind: 'history', dealId: REFERENCE_DEAL_ID, status: 404 },
] as const;

/** The entries the log must hold, newest first. */
const EXPECTED = READS.filter((r) => r.kind !== undefined)
  .map((r) => ({ actor: 'auditor-1', kind: r.kind, resource: r.url, dealId: r.dealId, status: r.status, credential: 'api-key:auditor-1', at: r.at }))
  .reverse();

describe('the access log of audit reads', () => {
  const data = tempDataDir();
  const clock = new ControlledClock('2025-03-17T12:00:00.000Z');
  let ledger: TestLedger;

  const log = async (query = '', as = admin) => ledger.anonymous().get(`/admin/access-log${query}`).set(as);
  const entries = async (query = '') => {
    const response = await log(query);
    expect(response.status).toBe(200);
    return response.body.items as Record<string, unknown>[];
  };
  const withoutSeq = (items: Record<string, unknown>[]) => items.map(({ seq: _seq, ...entry }) => entry);

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir, clock: clock.now });
    await recordCommands(ledger.runtime.store, referenceDealLines().map(commandOf));
    await ledger.runtime.runner.catchUp(30_000);
    for (const read of READS) {
      clock.set(read.at);
      const response = await ledger.anonymous().get(read.url).set(read.as);
      expect({ url: read.url, status: response.status }).toEqual({ url: read.url, status: read.status });
    }
    clock.set('2026-01-05T11:00:00.000Z');
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it('lists every audit read newest first, with who, what, how it ended and how the reader proved who they are', async () => {
    const items = await entries();
    expect(withoutSeq(items)).toEqual(EXPECTED);
    expect(items.every((item) => typeof item.seq === 'number')).toBe(true);
  });

  it('filters by actor, kind, deal and time (both bounds inclusive)', async () => {
    expect(withoutSeq(await entries('?actor=auditor-1'))).toEqual(EXPECTED);
    expect(await entries('?actor=viewer-1')).toEqual([]);
    expect(withoutSeq(await entries('?kind=history'))).toEqual(EXPECTED.filter((e) => e.kind === 'history'));
    expect(withoutSeq(await entries('?kind=as-of'))).toEqual([EXPECTED.find((e) => e.kind === 'as-of')]);
    expect(withoutSeq(await entries(`?dealId=${REFERENCE_DEAL_ID}`))).toEqual(EXPECTED.filter((e) => e.dealId === REFERENCE_DEAL_ID));
    expect((await entries('?from=2026-01-05T10:01:00Z&to=2026-01-05T10:03:00Z')).map((e) => e.kind)).toEqual(['changes', 'diff', 'as-of']);
    expect((await entries('?from=2026-01-05T10:02:30Z')).map((e) => e.at)).toEqual(['2026-01-05T10:05:00.000Z', '2026-01-05T10:03:00.000Z']);
    expect(withoutSeq(await entries('?kind=history&to=2026-01-05T10:00:00Z'))).toEqual([EXPECTED.at(-1)]);
  });

  it('pages with limit and next, either way, without overlap or gap', async () => {
    for (const order of ['newest', 'oldest'] as const) {
      const all = await entries(`?order=${order}`);
      const pages: Record<string, unknown>[][] = [];
      let after: number | undefined;
      do {
        const response = await log(`?order=${order}&limit=2${after === undefined ? '' : `&after=${after}`}`);
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        pages.push(response.body.items);
        after = response.body.next;
      } while (after !== undefined && pages.length < 10);
      expect(pages.flat()).toEqual(all);
      expect(pages.slice(0, 2).map((page) => page.length)).toEqual([2, 2]);
    }
    expect(withoutSeq(await entries('?order=oldest'))).toEqual([...EXPECTED].reverse());
  });

  it('refuses a limit over 500, a malformed bound, and anyone but an admin', async () => {
    for (const query of ['?limit=501', '?limit=0', '?from=yesterday', '?kind=write', '?after=-1']) {
      const response = await log(query);
      expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: expect.any(String) });
    }
    for (const role of ['viewer', 'auditor', 'writer', 'subscriber'] as const) {
      const response = await log('', bearer(ROLE_KEYS[role]));
      expect({ role, status: response.status, code: response.body.code }).toEqual({ role, status: 403, code: 'AUTH.FORBIDDEN' });
    }
    expect((await ledger.anonymous().get('/admin/access-log')).status).toBe(401);
    // Reading the log is not itself an audit read: still the same five entries.
    expect(await entries()).toHaveLength(EXPECTED.length);
  });

  it('keeps the entries as events of the access-log stream, covered by the hash chain: an edited entry is named', async () => {
    const events = await ledger.runtime.store.readStream(ACCESS_LOG_STREAM);
    expect(events.map((e) => [e.type, e.metadata.actor, (e.data as { kind: string }).kind])).toEqual(
      [...EXPECTED].reverse().map((e) => ['AuditRead.v1', 'auditor-1', e.kind]),
    );
    expect((await ledger.http().get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });

    // Someone with the file hides who read the history of a figure that does not exist.
    const tamperer = new SqliteTamperer(join(data.dir, 'events.sqlite'));
    const row = tamperer.rows().filter((r) => r.stream_id === ACCESS_LOG_STREAM).at(-1)!;
    tamperer.setMetadataField(row.position, 'actor', 'nobody');
    tamperer.close();

    const { body } = await ledger.http().get('/audit/verify').expect(200);
    expect(body).toMatchObject({
      ok: false,
      problem: { code: 'CHAIN.HASH_MISMATCH', streamId: ACCESS_LOG_STREAM, revision: EXPECTED.length - 1, eventId: row.event_id, foundHash: row.hash },
    });
    // `ledger verify` on the same file says the same, and exits 1.
    assertBuildIsCurrent(['apps/cli/src', 'libs/application/src/tamper-evidence']);
    const verify = runCli(['verify', '--json'], { LEDGER_DATA_DIR: data.dir, LEDGER_SEED: 'none' });
    expect(verify.status).toBe(1);
    expect(JSON.parse(verify.stdout).problem).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', streamId: ACCESS_LOG_STREAM, eventId: row.event_id });
  });
});

describe('ledger export is logged as an audit read', () => {
  const data = tempDataDir();
  const env = { LEDGER_DATA_DIR: data.dir, LEDGER_SEED: 'none' };

  beforeAll(async () => {
    assertBuildIsCurrent(['apps/cli/src', 'libs/application/src/access', 'libs/application/src/tamper-evidence']);
    mkdirSync(data.dir, { recursive: true });
    const store = await SqliteEventStore.open({ file: join(data.dir, 'events.sqlite') });
    try {
      await recordCommands(store, referenceDealLines().map(commandOf));
    } finally {
      await store.close();
    }
  });

  afterAll(() => data.remove());

  it('records an export entry with the operating user, or the --actor given', async () => {
    const plain = runCli(['export', '--deal', REFERENCE_DEAL_ID, '--out', join(data.dir, 'bundle-1'), '--json'], env);
    expect({ status: plain.status, stderr: plain.stderr }).toEqual({ status: 0, stderr: '' });
    const named = runCli(['export', '--deal', REFERENCE_DEAL_ID, '--out', join(data.dir, 'bundle-2'), '--actor', 'auditor-jane'], env);
    expect(named.status).toBe(0);

    const ledger = await startTestLedger({ dataDir: data.dir });
    try {
      const { body } = await ledger.anonymous().get('/admin/access-log?kind=export').set(admin).expect(200);
      const entry = { kind: 'export', resource: `ledger export --deal ${REFERENCE_DEAL_ID}`, dealId: REFERENCE_DEAL_ID, status: 0, credential: 'cli' };
      expect(body.items).toEqual([
        expect.objectContaining({ ...entry, actor: 'auditor-jane' }),
        expect.objectContaining({ ...entry, actor: `cli:${userInfo().username}` }),
      ]);
    } finally {
      await ledger.close();
    }
  });
});
