import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiKeyRegistry, loadConfig, openLedgerRuntime } from '#runtime';
import { createHttpApp } from '../../apps/api/src/index.js';
import { getJson, localApiKey, startServe, stop } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * `ledger serve` (what `npm start` runs) serves the built web page at `/` beside the API,
 * in one process; the API keeps every path it has.
 */
describe('the web page served by ledger serve', () => {
  const data = tempDataDir();
  let ledger: Awaited<ReturnType<typeof startServe>>;
  /** The admin key the first serve writes to the data directory: the API answers nothing else without one. */
  let key: string;

  beforeAll(async () => {
    ledger = await startServe({ LEDGER_DATA_DIR: data.dir });
    key = localApiKey(data.dir);
  });
  afterAll(async () => {
    await stop(ledger.child);
    data.remove();
  });

  it('answers the page at / with a policy that runs only its own scripts', async () => {
    const page = await fetch(`${ledger.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/assets/app/main.js"></script>');

    const script = await fetch(`${ledger.url}/assets/app/main.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("from './views/deal.view.js'");
    expect((await fetch(`${ledger.url}/assets/styles.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect(ledger.output()).toContain(`Web page: ${ledger.url}/`);
  });

  it('leaves every other path to the API: JSON answers, JSON 404s', async () => {
    const deals = await getJson(`${ledger.url}/deals`, key);
    expect(deals.items.map((d: { dealId: string }) => d.dealId)).toEqual(['caremag-2025']);
    expect(await getJson(`${ledger.url}/health`)).toMatchObject({ status: 'ok' });

    for (const path of ['/assets/no-such-file.js', '/assets/app/', '/no-such-page']) {
      const missing = await fetch(`${ledger.url}${path}`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ code: 'ROUTE.NOT_FOUND' });
    }
    const post = await fetch(`${ledger.url}/`, { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('finds deals by words of their title, in any case, with the other filters', async () => {
    const titled = async (query: string) =>
      (await getJson(`${ledger.url}/deals?${query}`, key)).items.map((d: { dealId: string }) => d.dealId);
    expect(await titled('title=caremag')).toEqual(['caremag-2025']);
    expect(await titled('title=HEAVY%20RARE')).toEqual(['caremag-2025']);
    expect(await titled('title=caremag&commodity=terbium&party=jogmec')).toEqual(['caremag-2025']);
    expect(await titled('title=lithium')).toEqual([]);
    expect(await titled('title=%25')).toEqual([]); // a LIKE wildcard is only a character here
    const tooLong = await fetch(`${ledger.url}/deals?title=${'x'.repeat(201)}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED' });
  });
});

describe('the web page before it is built', () => {
  it('says how to build it, and the API still answers', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'deal-ledger-web-'));
    const runtime = await openLedgerRuntime({ ...loadConfig({}), store: 'memory', seedReferenceDeal: false });
    const app = await createHttpApp({ runtime, apiKeys: new ApiKeyRegistry([], runtime.keyEvents.trust), webRoot: empty }, false);
    await app.init();
    try {
      const page = await request(app.getHttpServer()).get('/').expect(503);
      expect(page.text).toContain('npm run build');
      await request(app.getHttpServer()).get('/health').expect(200);
    } finally {
      await app.close();
      await runtime.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
