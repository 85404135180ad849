import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { percentageMetric, smallDeal } from '../support/small-deal.js';
import { runCli, runCliAsync, startServe, stop } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

const KEY = 'backup-admin-key-0123456789';
const auth = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' };

/** `ledger backup` while `ledger serve` keeps recording, then `ledger restore` into a new directory. */
describe('ledger backup and restore', () => {
  const root = tempDataDir();
  const live = join(root.dir, 'live');
  const backup = join(root.dir, 'backup');
  const restored = join(root.dir, 'restored');
  afterAll(() => root.remove());

  it('takes a backup during writes that verifies, and restores it to a ledger that verifies and serves what was acknowledged before it', async () => {
    const server = await startServe({ LEDGER_DATA_DIR: live, LEDGER_SEED: 'reference', LEDGER_API_KEYS: `ops:admin:${KEY}` });
    const acknowledged: string[] = [];
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing; i++) {
        const dealId = `busy-${i}`;
        const created = await fetch(`${server.url}/deals`, { method: 'POST', headers: auth, body: JSON.stringify(smallDeal(dealId)) });
        expect(created.status).toBe(201);
        const figure = await fetch(`${server.url}/deals/${dealId}/metrics`, { method: 'POST', headers: auth, body: JSON.stringify(percentageMetric('share', String(i % 100))) });
        expect(figure.status).toBe(201);
        acknowledged.push(dealId);
      }
    })();
    let result;
    try {
      while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 20));
      const before = acknowledged.length;
      result = await runCliAsync(['backup', backup, '--json'], { LEDGER_DATA_DIR: live });
      expect(acknowledged.length).toBeGreaterThan(before); // writes went on during the backup
    } finally {
      writing = false;
      await writes;
      await stop(server.child);
    }
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.verification).toMatchObject({ ok: true });
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['transparency.sqlite', 'events.sqlite', 'personal-data.sqlite']);
    // The running server holds its read models and subscriptions: left out, and said so.
    expect(report.leftOut.map((l: { file: string }) => l.file)).toEqual(['read-models.sqlite', 'subscriptions.sqlite']);
    expect(report.signingKey).toBe(true);
    expect(statSync(join(backup, 'checkpoint-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(backup, 'backup.json'), 'utf8')).head).toBe(report.head);

    const restore = runCli(['restore', backup, '--json'], { LEDGER_DATA_DIR: restored });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ head: report.head, verification: { ok: true } });
    const verify = runCli(['verify', '--json'], { LEDGER_DATA_DIR: restored });
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, upTo: report.head });

    // A restore never overwrites a ledger.
    const again = runCli(['restore', backup], { LEDGER_DATA_DIR: restored });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds a ledger/);

    // The restored ledger serves: its read models rebuilt from the log, the reference deal and the first deals written.
    const server2 = await startServe({ LEDGER_DATA_DIR: restored, LEDGER_API_KEYS: `ops:admin:${KEY}` });
    try {
      for (const dealId of ['caremag-2025', acknowledged[0]!]) {
        const deal = await fetch(`${server2.url}/deals/${dealId}?minPosition=${report.head}`, { headers: auth });
        expect(deal.status).toBe(200);
      }
    } finally {
      await stop(server2.child);
    }
    expect(existsSync(join(restored, 'read-models.sqlite'))).toBe(true);
  });

  it('refuses a directory that is not empty, writing nothing', () => {
    const result = runCli(['backup', backup], { LEDGER_DATA_DIR: live });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/must be a new or empty directory/);
  });
});
