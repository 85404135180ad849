import Database from 'better-sqlite3';
import { chmodSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localApiKey, runCli, startServe, stop } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

/** A data directory written by an earlier release, kept byte for byte (see its README). */
const RELEASE = join(__dirname, '..', 'fixtures', 'stores', 'release-85fbd27');

type Row = Record<string, unknown>;

function eventRows(dataDir: string): Row[] {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY position').all() as Row[];
  } finally {
    db.close();
  }
}

/** What the earlier release answered on this data; a later release may add members, never change these. */
function answeredBefore(name: string): any {
  return JSON.parse(readFileSync(join(RELEASE, 'answers', `${name}.json`), 'utf8'));
}

/**
 * The members of a figure that say what was reported: what an upgrade must not change. Its
 * context may gain members a later version reads into old events (a stake's basis, unspecified),
 * never lose or change one.
 */
const reported = ({ figureId, fact, context, value, display, status, change, source, reportedAt, effectiveAt }: any) => ({
  figureId,
  fact,
  context,
  value,
  display,
  status,
  change,
  source,
  reportedAt,
  effectiveAt,
});
const asReportedBefore = (figure: any) => ({ ...reported(figure), context: expect.objectContaining(figure.context) });

describe('a data directory written by the release before the real-deals model', () => {
  const data = tempDataDir();
  let before: Row[];

  beforeAll(() => {
    cpSync(RELEASE, data.dir, { recursive: true });
    // Git keeps no file modes; the ledger's secrets are private to their owner.
    for (const secret of ['checkpoint-signing-key.pem', 'local-api-key']) chmodSync(join(data.dir, secret), 0o600);
    before = eventRows(data.dir);
  });
  afterAll(() => data.remove());

  it('verifies as it is: every chain, the log tree and the signed checkpoint', () => {
    const verified = runCli(['verify'], { LEDGER_DATA_DIR: data.dir });
    expect(verified.stderr).toBe('');
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`Intact: ${before.length} events in 3 streams`);
    expect(verified.stdout).toMatch(/Checkpoints: 1 verified .*the latest covers 19 events/);
  });

  it('serves every deal with the figures it had, takes new commands, and keeps its stored events untouched', async () => {
    const ledger = await startServe({ LEDGER_DATA_DIR: data.dir });
    const key = localApiKey(data.dir);
    const get = async (path: string) => {
      const response = await fetch(`${ledger.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as any;
    };
    try {
      for (const dealId of ['caremag-2025', 'legacy']) {
        const deal = await get(`/deals/${dealId}`);
        const earlier = answeredBefore(`deal-${dealId}`);
        expect(deal.revision).toBe(earlier.revision);
        expect(deal.figures.map(reported)).toEqual(earlier.figures.map(asReportedBefore));
      }
      const history = await get('/deals/caremag-2025/figures/investment-amount/history');
      expect(history.entries.map(reported)).toEqual(answeredBefore('history-investment-amount').entries.map(asReportedBefore));

      const revised = await fetch(`${ledger.url}/deals/legacy/figures/share/revisions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          value: { measure: { kind: 'percentage' }, qualifier: 'exact', amount: '60' },
          source: { publisher: 'Wire', tier: 'primary' },
          reportedAt: '2025-01-10',
          reason: 'final share',
        }),
      });
      expect(revised.status).toBe(201);
    } finally {
      await stop(ledger.child);
    }

    const after = eventRows(data.dir);
    // Schema 3 adds the disposal mark, empty on every event no disposal emptied; the rest is as stored.
    expect(after.map((row) => row.disposal)).toEqual(after.map(() => null));
    expect(after.slice(0, before.length).map(({ disposal: _, ...row }) => row)).toEqual(before);
    expect(after.length).toBeGreaterThan(before.length);
    const verified = runCli(['verify', '--read-models'], { LEDGER_DATA_DIR: data.dir });
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('no difference');
  });

  it('recognises the commands it recorded: importing them again records nothing', () => {
    const imported = runCli(['import', join(__dirname, '..', '..', 'seed', 'caremag-2025.jsonl')], { LEDGER_DATA_DIR: data.dir });
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/12 lines: 0 recorded \(0 events\), 12 already recorded, 0 failed/);
  });
});
