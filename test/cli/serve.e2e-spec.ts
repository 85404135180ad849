import { getJson, localApiKey, startServe, stop } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

/** `npm start` is `ledger serve`: what a new user gets on a fresh data directory. */
describe('ledger serve on a fresh data directory', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('loads the reference deal, creates a local key that can read and write, and refuses a second server on the same data', async () => {
    const ledger = await startServe({ LEDGER_DATA_DIR: data.dir });
    try {
      expect(ledger.output()).toContain('Created an admin API key for local-admin');
      // /health is the one route open without a credential.
      const health = await getJson(`${ledger.url}/health`);
      expect(health).toMatchObject({ status: 'ok', projections: { state: 'running', lag: 0 } });

      // Every other route needs one: the local key is what a new user has.
      const key = localApiKey(data.dir);
      expect((await fetch(`${ledger.url}/deals/caremag-2025`)).status).toBe(401);
      const deal = await fetch(`${ledger.url}/deals/caremag-2025`, { headers: { Authorization: `Bearer ${key}` } });
      expect(deal.status).toBe(200);
      expect(deal.headers.get('etag')).toBe('"11"');
      expect(((await deal.json()) as any).figures.find((f: { figureId: string }) => f.figureId === 'investment-amount').display).toMatch(
        /^up to EUR 110,000,000/,
      );
      expect((await fetch(`${ledger.url}/docs/openapi.json`)).status).toBe(200);

      const write = await fetch(`${ledger.url}/deals/caremag-2025/figures/capacity-terbium/retractions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'If-Match': '"11"' },
        body: JSON.stringify({ reason: 'checking the local key' }),
      });
      expect(write.status).toBe(201);
      const events = await getJson(`${ledger.url}/deals/caremag-2025/events?fromRevision=12`, key);
      expect(events.events[0].metadata.actor).toBe('local-admin');

      await expect(startServe({ LEDGER_DATA_DIR: data.dir })).rejects.toThrow(/read-models\.sqlite|locked|busy/i);
    } finally {
      await stop(ledger.child);
    }
  });

  it('does not load the reference deal twice on a restart', async () => {
    const ledger = await startServe({ LEDGER_DATA_DIR: data.dir });
    try {
      expect(ledger.output()).not.toContain('Loaded the reference deal');
      // The key of the first start still works; no second one is issued.
      expect(ledger.output()).not.toContain('Created an admin API key');
      const events = await getJson(`${ledger.url}/deals/caremag-2025/events`, localApiKey(data.dir));
      expect(events.events).toHaveLength(13);
    } finally {
      await stop(ledger.child);
    }
  });
});
