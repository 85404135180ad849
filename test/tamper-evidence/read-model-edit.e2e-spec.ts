import { cpSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { getJson, localApiKey, runCliAsync, startServe, stop } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * Issue 13, item 7c: a figure edited in the read-model file (not in the log) is served by
 * `GET /deals/:dealId` and the web page; the chain verification cannot see it, the
 * read-model check does. The built ledger is started on a fresh data directory (the
 * reference deal loaded), stopped, and its read-model file edited with better-sqlite3.
 */
const DEAL = 'caremag-2025';
const FIGURE = 'investment-amount';
const root = tempDataDir();
afterAll(() => root.remove());

const ledger = (args: string[], dataDir: string) => runCliAsync(args, { LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'none' });

/** Edits the live generation of a deal-state table, as someone with the file could. */
function editReadModels(dataDir: string, edit: (db: BetterSqlite3.Database, table: (base: string) => string) => void): void {
  const db = new BetterSqlite3(join(dataDir, 'read-models.sqlite'));
  try {
    const generation = db.prepare("SELECT generation FROM projection_checkpoints WHERE name = 'deal-state'").pluck().get() as number;
    edit(db, (base) => (generation === 0 ? base : `${base}__g${generation}`));
  } finally {
    db.close();
  }
}

describe('a read-model file edited behind the ledger', () => {
  const pristine = join(root.dir, 'pristine');
  let original: string;

  beforeAll(async () => {
    assertBuildIsCurrent(['apps/cli/src', 'apps/api/src', 'libs/runtime/src', 'libs/contract/src', 'libs/application/src', 'libs/projections/src']);
    const server = await startServe({ LEDGER_DATA_DIR: pristine });
    try {
      const deal = await getJson(`${server.url}/deals/${DEAL}`, localApiKey(pristine));
      expect(deal.figures.find((f: { figureId: string }) => f.figureId === FIGURE).display).toMatch(/^up to EUR 110,000,000/);
      // While the server holds the file, the check cannot read it, and says so (exit 2).
      const held = await ledger(['verify', '--read-models'], pristine);
      expect(held.status).toBe(2);
      expect(held.stderr).toContain('a running server holds');
    } finally {
      await stop(server.child);
    }
    editReadModels(pristine, (db, table) => {
      original = db.prepare(`SELECT value FROM ${table('deal_state_figures')} WHERE deal_id = ? AND figure_id = ?`).pluck().get(DEAL, FIGURE) as string;
    });
  }, 60_000);

  it('is intact before anyone edits it: verify --read-models exits 0', async () => {
    const run = await ledger(['verify', '--read-models'], pristine);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Intact: /m);
    expect(run.stdout).toMatch(/^Read models: 1 deal \(12 events\) up to position \d+ checked against their events in [\d.]+ s: no difference$/m);
  });

  it('names the deal, the figure and both values when a figure amount was edited, and exits 1, though the chain is intact', async () => {
    const dir = join(root.dir, 'edited-amount');
    cpSync(pristine, dir, { recursive: true });
    const forged = original.replace('"110000000"', '"11000000"');
    expect(forged).not.toBe(original);
    editReadModels(dir, (db, table) => {
      db.prepare(`UPDATE ${table('deal_state_figures')} SET value = ? WHERE deal_id = ? AND figure_id = ?`).run(forged, DEAL, FIGURE);
    });

    // What the forged file serves, the server would answer: the read model is what readers see.
    const server = await startServe({ LEDGER_DATA_DIR: dir, LEDGER_SEED: 'none' });
    try {
      const deal = await getJson(`${server.url}/deals/${DEAL}`, localApiKey(dir));
      expect(deal.figures.find((f: { figureId: string }) => f.figureId === FIGURE).display).toMatch(/^up to EUR 11,000,000 /);
    } finally {
      await stop(server.child);
    }

    const run = await ledger(['verify', '--read-models'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Intact: /m);
    expect(run.stderr).toContain('READ_MODEL.VALUE_DIFFERS');
    expect(run.stderr).toContain(`  deal       ${DEAL}`);
    expect(run.stderr).toContain(`  row        deal-state deal_state_figures [deal_id=${DEAL}, figure_id=${FIGURE}]`);
    expect(run.stderr).toContain('  column     value');
    expect(run.stderr).toContain(`  served     ${forged}`);
    expect(run.stderr).toContain(`  events     ${original}`);
    expect(run.stderr).toMatch(/READ MODELS DIFFER FROM THE LOG: 1 difference in 1 deal/);

    const json = await ledger(['verify', '--read-models', '--json'], dir);
    expect(json.status).toBe(1);
    const [chain, readModels] = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(chain.ok).toBe(true);
    expect(readModels.readModels).toMatchObject({
      ok: false,
      differenceCount: 1,
      differences: [{ kind: 'value-differs', dealId: DEAL, table: 'deal_state_figures', key: { deal_id: DEAL, figure_id: FIGURE }, column: 'value', served: forged, expected: original }],
    });
  });

  it('reports at server start a deal whose read-model revision is ahead of its stream', async () => {
    const dir = join(root.dir, 'ahead');
    cpSync(pristine, dir, { recursive: true });
    editReadModels(dir, (db, table) => db.prepare(`UPDATE ${table('deal_state_deals')} SET revision = 99 WHERE deal_id = ?`).run(DEAL));
    const server = await startServe({ LEDGER_DATA_DIR: dir, LEDGER_SEED: 'none' });
    try {
      const line = `Read model ahead of the log: deal ${DEAL} is at revision 99 in deal-state, but its stream ends at revision 11`;
      for (let i = 0; i < 100 && !server.output().includes(line); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.output()).toContain(line);
      expect(server.output()).toMatch(/Read models ahead of the log: 1 finding\./);
    } finally {
      await stop(server.child);
    }
  });
});
