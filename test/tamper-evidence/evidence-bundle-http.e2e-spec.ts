import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { runCliAsync, startServe, stop } from '../support/cli.js';
import { REFERENCE_DEAL_ID } from '../support/reference-deal.js';
import { ROLE_KEYS, tempDataDir } from '../support/test-ledger.js';

/**
 * GET /deals/:id/evidence-bundle: the bundle `ledger export` writes, as a zip an auditor
 * downloads; unzipped, the standalone verifier accepts it. Viewers are refused; an unknown
 * deal is a 404 with the ledger's code.
 */
describe('the evidence bundle over HTTP', () => {
  let data: ReturnType<typeof tempDataDir>;
  let ledger: Awaited<ReturnType<typeof startServe>>;
  const get = (path: string, key: string) => fetch(`${ledger.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    data = tempDataDir();
    ledger = await startServe({
      LEDGER_DATA_DIR: data.dir,
      LEDGER_API_KEYS: `auditor-1:auditor:${ROLE_KEYS.auditor},viewer-1:viewer:${ROLE_KEYS.viewer},admin-1:admin:${ROLE_KEYS.admin}`,
    });
  });

  afterAll(async () => {
    if (ledger) await stop(ledger.child);
    data?.remove();
  });

  it('serves the deal\'s bundle as a zip that `ledger verify-bundle` accepts once unzipped', async () => {
    const answer = await get(`/deals/${REFERENCE_DEAL_ID}/evidence-bundle`, ROLE_KEYS.auditor);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/zip');
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${REFERENCE_DEAL_ID}-evidence.zip"`);
    const files = unzipSync(new Uint8Array(await answer.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['MANIFEST', 'events.jsonl', 'figure-histories.csv', 'checkpoint', 'proof-0.tlog-proof']));

    const dir = join(data.dir, 'unzipped');
    mkdirSync(dir);
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const ledgerKey = (await (await get('/audit/ledger-key', ROLE_KEYS.auditor)).text()).trim();
    const verified = await runCliAsync(['verify-bundle', dir, '--ledger-key', ledgerKey, '--json'], {});
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, dealId: REFERENCE_DEAL_ID, events: 12 });

    // One byte changed in the zip's events: the verifier refuses the bundle.
    writeFileSync(join(dir, 'events.jsonl'), Buffer.from(files['events.jsonl']!).toString().replace('caremag', 'caremog'));
    const altered = await runCliAsync(['verify-bundle', dir, '--ledger-key', ledgerKey, '--json'], {});
    expect(altered.status).not.toBe(0);
    expect(JSON.parse(altered.stdout).ok).toBe(false);

    // The download is an audit read, logged before the zip left.
    const logged = (await (await get('/admin/access-log?actor=auditor-1&kind=export', ROLE_KEYS.admin)).json()) as { items: unknown[] };
    expect(logged.items).toEqual([expect.objectContaining({ resource: `/deals/${REFERENCE_DEAL_ID}/evidence-bundle`, dealId: REFERENCE_DEAL_ID, status: 200 })]);
  });

  it('verifies the ledger through the server\'s shared run (one pass for the callers of the time, counted in /metrics), not a pass per download', async () => {
    const passes = async () => Number(/ledger_verifications_total\{result="ok"\} (\d+)/.exec(await (await fetch(`${ledger.url}/metrics`)).text())?.[1] ?? NaN);
    const before = await passes();
    const answers = await Promise.all([1, 2, 3].map(() => get(`/deals/${REFERENCE_DEAL_ID}/evidence-bundle`, ROLE_KEYS.auditor)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    // On a store this small a pass may end before the next download asks: between one and three.
    const used = (await passes()) - before;
    expect(used).toBeGreaterThanOrEqual(1);
    expect(used).toBeLessThanOrEqual(3);
  });

  it('refuses a viewer (it is an audit read) and names an unknown deal', async () => {
    const viewer = await get(`/deals/${REFERENCE_DEAL_ID}/evidence-bundle`, ROLE_KEYS.viewer);
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ code: 'AUTH.FORBIDDEN', details: { required: 'audit:read' } });
    const unknown = await get('/deals/no-such-deal/evidence-bundle', ROLE_KEYS.auditor);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'DEAL.NOT_FOUND' });
  });
});
