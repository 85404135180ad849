import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { dealStateProjection, type Projection, type SwapRecord } from '#projections';
import { seedDeals } from '#testing';
import { bearer, ROLE_KEYS, startTestLedger, tempDataDir, WRITER_KEY, type TestLedger } from '../support/test-ledger.js';

/**
 * A version bump of the deal-state projection over 100,000 events: the new version is
 * built beside the live tables at start-up while 50 readers poll GET /deals/:dealId over
 * real HTTP. Every answer must be a complete state, the old version's or the new one's:
 * never an error, a 404, or a mix.
 */

const DEALS = 10_000;
const EVENTS_PER_DEAL = 10;
const READERS = 50;
const WATCHED = 40;

/** The next version: the same rows, but titles in capitals (so old and new answers differ). */
const capitals: Projection = {
  ...dealStateProjection,
  version: dealStateProjection.version + 1,
  prepare(db, tables) {
    const apply = dealStateProjection.prepare(db, tables);
    return (event) =>
      apply(event.type === 'DealRegistered.v2' ? { ...event, data: { ...event.data, title: String(event.data.title).toUpperCase() } } : event);
  },
};

interface Tally {
  old: number;
  new: number;
  newAfterSwap: number;
  problems: string[];
}

describe('rebuilding deal-state over 100,000 events under 50 concurrent readers', () => {
  const data = tempDataDir();
  const watched = Array.from({ length: WATCHED }, (_, i) => `seeded-${Math.floor((i * DEALS) / WATCHED)}`);
  const oldViews = new Map<string, string>();
  let ledger: TestLedger | undefined;

  beforeAll(async () => {
    const store = await SqliteEventStore.open({ file: join(data.dir, 'events.sqlite'), synchronous: 'NORMAL' });
    expect(await seedDeals(store, { deals: DEALS, eventsPerDeal: EVENTS_PER_DEAL })).toBe(DEALS * EVENTS_PER_DEAL);
    await store.close();

    // The current version, built once: what readers are served when the new one starts.
    const current = await startTestLedger({ dataDir: data.dir, runtime: { projections: [dealStateProjection] } });
    try {
      expect(await current.runtime.runner.catchUp(120_000)).toBe(true);
      for (const dealId of watched) {
        const answer = await current.http().get(`/deals/${dealId}`).expect(200);
        oldViews.set(dealId, JSON.stringify(answer.body));
      }
    } finally {
      await current.close();
    }
  }, 180_000);

  afterAll(async () => {
    await ledger?.close();
    data.remove();
  });

  it('serves only complete states, old or new, and never an error, while the new version is built and swapped in', async () => {
    // The readers are one identity (a viewer) polling as fast as they can: the test ledger's
    // rate limit is far above what they send, so no 429 enters a test about what a rebuild serves.
    ledger = await startTestLedger({ dataDir: data.dir, runtime: { projections: [capitals] } });
    const swapped = ledger.runtime.runner.whenSwapped('deal-state');
    const server = ledger.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const newViews = new Map([...oldViews].map(([id, view]) => [id, newViewOf(view)]));

    let swap: SwapRecord | undefined;
    void swapped.then((s) => (swap = s));
    const tally: Tally = { old: 0, new: 0, newAfterSwap: 0, problems: [] };
    let rebuildSeen: unknown;
    const readers = Array.from({ length: READERS }, (_, r) =>
      read(base, watched, r, oldViews, newViews, tally, () => swap !== undefined),
    );
    // The admin view of the same rebuild, while it runs.
    const admin = await fetch(`${base}/admin/projections/deal-state`, { headers: { Authorization: `Bearer ${WRITER_KEY}` } });
    rebuildSeen = await admin.json();

    const result = await swapped;
    await Promise.all(readers);

    expect(tally.problems.slice(0, 5)).toEqual([]);
    // Old answers during the build, new ones after the swap, and nothing else.
    expect(tally.old).toBeGreaterThan(0);
    expect(tally.newAfterSwap).toBeGreaterThanOrEqual(READERS);
    expect(rebuildSeen).toMatchObject({
      state: 'rebuilding',
      version: capitals.version,
      servedVersion: dealStateProjection.version,
      build: { kind: 'rebuild', requestedBy: 'system:start-up' },
    });
    // The head includes the admin stream's record of this very rebuild.
    expect((rebuildSeen as { build: { total: number } }).build.total).toBe(DEALS * EVENTS_PER_DEAL + 1);
    // The comparison before the swap: every deal's title changed, nothing else.
    expect(result.comparison.differences).toBe(DEALS);
    expect(result.comparison.tables.find((t) => t.table === 'deal_state_deals')).toMatchObject({ changed: DEALS, added: 0, removed: 0 });
    expect(result.comparison.tables.filter((t) => t.table !== 'deal_state_deals').every((t) => t.added + t.removed + t.changed === 0)).toBe(true);

    await ledger.runtime.projectionAdmin.settled();
    const audit = await ledger.runtime.store.readStream('admin-projections');
    expect(audit.map((e) => [e.type, e.metadata.actor])).toEqual([
      ['ProjectionRebuildRequested.v1', 'system:start-up'],
      ['ProjectionSwapped.v1', 'system:projection-runner'],
    ]);
    expect(audit[1]!.data).toMatchObject({ fromVersion: dealStateProjection.version, toVersion: capitals.version });
  }, 240_000);
});

function newViewOf(oldView: string): string {
  const view = JSON.parse(oldView) as { title: string };
  return JSON.stringify({ ...view, title: view.title.toUpperCase() });
}

/** Polls watched deals until a few rounds after the swap; tallies old and new answers. */
async function read(
  base: string,
  watched: string[],
  reader: number,
  oldViews: Map<string, string>,
  newViews: Map<string, string>,
  tally: Tally,
  swapped: () => boolean,
): Promise<void> {
  let afterSwap = 0;
  for (let n = reader; afterSwap < 3; n++) {
    const wasSwapped = swapped();
    const dealId = watched[n % watched.length]!;
    let answer: Response;
    try {
      answer = await fetch(`${base}/deals/${dealId}`, { headers: bearer(ROLE_KEYS.viewer) });
    } catch (error) {
      tally.problems.push(`${dealId}: ${(error as Error).message}`);
      continue;
    }
    const body = withoutStaleMark(await answer.text());
    if (answer.status !== 200) tally.problems.push(`${dealId}: ${answer.status} ${body.slice(0, 200)}`);
    else if (body === oldViews.get(dealId)) {
      if (wasSwapped) tally.problems.push(`${dealId}: the old state after the swap`);
      tally.old++;
    } else if (body === newViews.get(dealId)) {
      tally.new++;
      if (wasSwapped) tally.newAfterSwap++;
    } else tally.problems.push(`${dealId}: neither the old nor the new state: ${body.slice(0, 200)}`);
    if (wasSwapped) afterSwap++;
  }
}

/**
 * The answer as the read models gave it. Frozen for the rebuild, they fall behind the log
 * (the rebuild's own admin event is on record), so answers then say so in `stale`.
 */
function withoutStaleMark(body: string): string {
  if (!body.startsWith('{')) return body;
  const { stale: _, ...answer } = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify(answer);
}
