import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { ControlledClock, commandOf, recordCommands, REFERENCE_DEAL_ID, referenceDealLines } from '#testing';
import { SqliteTamperer } from '../../libs/event-store/src/testing/sqlite-tamper.js';
import { runCli, startServe, stop } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * Retention through the built `ledger` command on a data dir holding a deal recorded in 2018
 * (past six years) and the reference deal recorded in 2025: the report, a disposal that
 * keeps the log verifiable and the read models consistent, and a payload emptied by hand.
 */
const OLD = 'old-offtake-2018';

/** A GET's status and JSON body, as `key`. */
async function answerOf(url: string, key: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const source = { publisher: 'Wire', tier: 'primary' as const };

async function givenLedger(dir: string): Promise<void> {
  const clock = new ControlledClock('2018-04-01T09:00:00.000Z');
  const store = await SqliteEventStore.open({ file: join(dir, 'events.sqlite'), clock: clock.now });
  try {
    await recordCommands(store, [
      { type: 'RegisterDeal', dealId: OLD, title: 'An offtake of 2018', parties: [{ partyId: 'acme', name: 'Acme', kind: 'company', roles: ['seller'] }], commodities: ['lithium'], source, reportedAt: '2018-04-01' },
      { type: 'ReportCapacity', dealId: OLD, facility: 'plant', product: 'lithium', capacity: { figureId: 'capacity', value: { measure: { kind: 'quantity', unit: 't' }, qualifier: 'about', amount: '20000' }, source, reportedAt: '2018-04-01' } },
    ]);
    clock.set('2025-03-17T09:00:00.000Z');
    for (const line of referenceDealLines()) {
      clock.advance(60_000);
      await recordCommands(store, [commandOf(line)]);
    }
  } finally {
    await store.close();
  }
}

beforeAll(() => {
  assertBuildIsCurrent(['apps/cli/src', 'libs/application/src/records', 'libs/event-store/src']);
});

describe('ledger retention', () => {
  const data = tempDataDir();
  const env = { LEDGER_DATA_DIR: data.dir, LEDGER_API_KEYS: '' };
  const ledger = (...args: string[]) => runCli(args, env);
  afterAll(() => data.remove());

  beforeAll(async () => {
    await givenLedger(data.dir);
    expect(ledger('checkpoint').status).toBe(0);
    // A bundle of the old deal exported before its disposal, to check again after it.
    expect(ledger('export', '--deal', OLD, '--out', join(data.dir, 'before'))).toMatchObject({ status: 0 });
    for (const projection of ['deal-state', 'audit-trail']) {
      const rebuilt = ledger('projections', 'rebuild', projection);
      expect({ status: rebuilt.status, stderr: rebuilt.status === 0 ? '' : rebuilt.stderr }).toEqual({ status: 0, stderr: '' });
    }
  }, 120_000);

  it('reports what is past retention, disposes of it, and leaves a ledger that verifies, read models included', () => {
    const report = JSON.parse(ledger('retention', 'report', '--json').stdout) as { categories: { category: string; pastRetention: number; oldest?: { streamId: string } }[] };
    expect(report.categories[0]).toMatchObject({ category: 'deal-events', years: 6, pastRetention: 2, disposable: 2, held: 0, oldest: { streamId: `deal-${OLD}` } });

    const dry = ledger('retention', 'dispose', '--reason', 'Past six years (FINRA 4511)', '--dry-run');
    expect(dry).toMatchObject({ status: 0, stdout: expect.stringContaining(`Would dispose of 2 records in 1 stream: deal-${OLD}`) });

    const disposed = ledger('retention', 'dispose', '--reason', 'Past six years (FINRA 4511)');
    // Progress of the rebuilds goes to stderr; no refusal does.
    expect(disposed.stderr).not.toMatch(/ledger:|Refused/);
    expect(disposed.status).toBe(0);
    expect(disposed.stdout).toMatch(new RegExp(`Disposed of 2 records in 1 stream: deal-${OLD}\\n  recorded as disposal [0-9a-f-]{36} at position \\d+ \\(2 events\\)`));
    // The projections fed by the emptied events are rebuilt without them.
    expect(disposed.stdout).toMatch(/deal-state: generation \d+ \(v\d+\) swapped in/);
    expect(disposed.stdout).toMatch(/audit-trail: generation \d+ \(v\d+\) swapped in/);

    const verified = ledger('verify', '--read-models');
    expect(verified.stderr).toBe('');
    expect(verified.status).toBe(0);
    expect(ledger('checkpoint').status).toBe(0);
    expect(ledger('verify').status).toBe(0);
    expect(ledger('verify', '--deal', REFERENCE_DEAL_ID).status).toBe(0);
    expect(ledger('verify', '--deal', OLD)).toMatchObject({ status: 0 });
    expect(JSON.parse(ledger('retention', 'report', '--json').stdout).categories[0]).toMatchObject({ disposed: 2, pastRetention: 0 });

    // Evidence bundles: the one exported before still verifies; one exported now holds the emptied events and verifies too.
    expect(JSON.parse(ledger('verify-bundle', join(data.dir, 'before'), '--json').stdout)).toMatchObject({ ok: true, events: 2 });
    expect(ledger('export', '--deal', OLD, '--out', join(data.dir, 'after'))).toMatchObject({ status: 0 });
    const after = JSON.parse(ledger('verify-bundle', join(data.dir, 'after'), '--json').stdout);
    expect(after).toMatchObject({ ok: true, events: 2, disposedRevisions: [0, 1] });
  }, 120_000);

  it('serves a disposed deal as disposed, not as unknown, and its events emptied with their disposal', async () => {
    const server = await startServe(env);
    try {
      const key = readFileSync(join(data.dir, 'local-api-key'), 'utf8').trim();
      const get = (path: string) => answerOf(server.url, key, path);
      const deal = await get(`/deals/${OLD}`);
      expect(deal).toMatchObject({ status: 404, body: { code: 'DEAL.DISPOSED', details: { dealId: OLD, disposalEventId: expect.any(String) } } });
      const events = await get(`/deals/${OLD}/events`);
      expect(events.status).toBe(200);
      expect(events.body.events).toEqual([
        expect.objectContaining({ revision: 0, data: {}, metadata: {}, disposal: expect.objectContaining({ disposalEventId: (deal.body.details as { disposalEventId: string }).disposalEventId }) }),
        expect.objectContaining({ revision: 1, data: {}, metadata: {} }),
      ]);
      expect((await get(`/deals/${REFERENCE_DEAL_ID}`)).status).toBe(200);

      // A command on the disposed deal is refused as such (nothing written), not failed on its emptied events.
      const note = await fetch(`${server.url}/deals/${OLD}/notes`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ noteId: 'late', text: 'too late', source, reportedAt: '2026-01-01' }),
      });
      expect({ status: note.status, code: ((await note.json()) as { code: string }).code }).toEqual({ status: 404, code: 'DEAL.DISPOSED' });
      // A regulator export of the disposed deal is made (its bundle shows it emptied); a party only it named is no longer found. Never a 5xx.
      for (const path of [`/deals/${OLD}/regulator-export`, '/parties/acme/regulator-export']) {
        const exported = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
        expect({ path, status: exported.status }).toEqual({ path, status: path.includes('acme') ? 404 : 200 });
      }
    } finally {
      await stop(server.child);
    }
  }, 60_000);

  it('refuses to dispose of a named record that is not past retention, and names a payload emptied by hand', () => {
    const refused = ledger('retention', 'dispose', '--reason', 'early', '--record', `deal-${REFERENCE_DEAL_ID}`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('RECORDS.NOT_PAST_RETENTION');

    const tamperer = new SqliteTamperer(join(data.dir, 'events.sqlite'));
    try {
      const victim = tamperer.rows().find((row) => row.stream_id === `deal-${REFERENCE_DEAL_ID}`)!;
      tamperer.disposeByHand(victim.position, victim.event_id);
    } finally {
      tamperer.close();
    }
    const verified = ledger('verify');
    expect(verified.status).toBe(1);
    expect(verified.stderr).toContain('CHAIN.DISPOSAL_UNRECORDED');
  }, 60_000);
});

describe('ledger retention dispose beside a running server', () => {
  const data = tempDataDir();
  const env = { LEDGER_DATA_DIR: data.dir, LEDGER_API_KEYS: '' };
  afterAll(() => data.remove());

  it('disposes in its own process and has the server rebuild its read models, which then answer the deal as disposed', async () => {
    await givenLedger(data.dir);
    const server = await startServe(env);
    try {
      const key = readFileSync(join(data.dir, 'local-api-key'), 'utf8').trim();
      const get = (path: string) => answerOf(server.url, key, path);
      let deal = await get(`/deals/${OLD}`);
      for (let i = 0; i < 100 && deal.status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        deal = await get(`/deals/${OLD}`);
      }
      expect(deal.status).toBe(200);
      const port = new URL(server.url).port;
      const disposed = runCli(['retention', 'dispose', '--reason', 'Past six years'], { ...env, PORT: port });
      expect(disposed.stderr).not.toMatch(/ledger:|Refused/);
      expect(disposed.status).toBe(0);
      expect(disposed.stdout).toMatch(/deal-state: generation \d+ \(v\d+\) swapped in/);
      expect((await get(`/deals/${OLD}`)).body).toMatchObject({ code: 'DEAL.DISPOSED' });
      expect((await get('/audit/verify')).body).toMatchObject({ ok: true });
    } finally {
      await stop(server.child);
    }
  }, 120_000);
});
