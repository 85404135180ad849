import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, openLedgerRuntime } from '#runtime';
import { SqliteEventStore } from '#event-store';
import { dealStateProjection, openReadModelDatabase } from '#projections';
import { dumpProjection, onCompleteLines, seedDeals, seededRandom } from '#testing';
import { cliPath } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * `ledger projections rebuild deal-state`, working on the data directory itself, killed
 * with SIGKILL at random points ten times, then run to the end: the rows are the same,
 * byte for byte, as those of an uninterrupted build. A build that applied an event twice
 * would have hit a primary key (quarantining it) or counted a figure twice; one that
 * skipped an event would miss a row. Reproduce a failure with CRASH_SEED=<seed>.
 */

const KILLS = 10;
const DEALS = 2_000;
const EVENTS_PER_DEAL = 10;

interface Round {
  killed: boolean;
  resumedAt: number | undefined;
  lines: string[];
}

describe('a rebuild killed with SIGKILL at random points', () => {
  const data = tempDataDir();
  const env = { LEDGER_DATA_DIR: data.dir, LEDGER_SQLITE_SYNCHRONOUS: 'NORMAL' };
  let reference: string;

  beforeAll(async () => {
    assertBuildIsCurrent(['libs/projections/src', 'libs/runtime/src', 'libs/application/src/admin', 'apps/api/src/admin', 'apps/cli/src/projections']);
    const store = await SqliteEventStore.open({ file: join(data.dir, 'events.sqlite'), synchronous: 'NORMAL' });
    await seedDeals(store, { deals: DEALS, eventsPerDeal: EVENTS_PER_DEAL });
    await store.close();
    // The uninterrupted, incremental build: the rows every rebuild must reproduce.
    const runtime = await openLedgerRuntime({ ...loadConfig({}), dataDir: data.dir, seedReferenceDeal: false });
    expect(await runtime.runner.catchUp(120_000)).toBe(true);
    reference = dumpProjection(runtime.readModels, dealStateProjection);
    await runtime.close();
  }, 120_000);

  afterAll(() => data.remove());

  it('resumes from its own checkpoint each time and ends with the same rows as an uninterrupted build', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = seededRandom(seed);
    const rounds: Round[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      // Kill once the build has made progress, after a random further delay: anywhere in
      // a batch, between batches, in the swap or the cleanup after it.
      rounds.push(await runRebuild(env, `seed ${seed}, kill ${kill}`, Math.floor(random() * 250)));
    }
    const last = await runRebuild(env, `seed ${seed}, final run`, undefined);
    expect(last.killed).toBe(false);
    expect(last.lines.some((l) => JSON.parse(l).type === 'swapped')).toBe(true);

    // The test means something only if kills landed mid-build and builds resumed. A kill
    // whose random delay outlasts what was left of the build lands after it: on a fast or
    // quiet machine a few do, so at least half must have landed.
    expect(rounds.filter((r) => r.killed).length).toBeGreaterThanOrEqual(Math.ceil(KILLS / 2));
    expect(rounds.filter((r) => (r.resumedAt ?? 0) > 0).length).toBeGreaterThan(0);

    const db = openReadModelDatabase(join(data.dir, 'read-models.sqlite'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(dumpProjection(db, dealStateProjection)).toBe(reference);
      expect(db.prepare('SELECT COUNT(*) FROM projection_quarantine').pluck().get()).toBe(0);
      expect(db.prepare('SELECT COUNT(*) FROM projection_rebuilds').pluck().get()).toBe(0);
      // One generation of tables left: the live one.
      const generation = db.prepare("SELECT generation FROM projection_checkpoints WHERE name = 'deal-state'").pluck().get();
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'deal_state_%'").pluck().all();
      expect(tables.every((t) => String(t).endsWith(`__g${generation}`))).toBe(true);
    } finally {
      db.close();
    }
    expect(readdirSync(data.dir)).toContain('read-models.sqlite');
  }, 120_000);
});

/** Runs the CLI; kills it `killAfterMs` after its first progress past zero (never, if undefined). */
function runRebuild(env: Record<string, string>, context: string, killAfterMs: number | undefined): Promise<Round> {
  const child = spawn(process.execPath, [cliPath(), 'projections', 'rebuild', 'deal-state', '--json', '--interval', '20'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const round: Round = { killed: false, resumedAt: undefined, lines: [] };
  let stderr = '';
  let armed = false;
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  onCompleteLines(child.stdout, (line) => {
    round.lines.push(line);
    const parsed = JSON.parse(line) as { type: string; done?: number; position?: string };
    if (parsed.type === 'resumed') round.resumedAt = Number(parsed.position);
    if (killAfterMs !== undefined && !armed && parsed.type === 'progress' && (parsed.done ?? 0) > 0) {
      armed = true;
      setTimeout(() => (round.killed = child.kill('SIGKILL')), killAfterMs);
    }
  });
  return new Promise((resolve, reject) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && round.killed) return resolve(round);
      // Not killed: it must have finished the rebuild (a fast one can beat the kill).
      if (code === 0 && round.lines.some((l) => l.includes('"type":"swapped"'))) {
        round.killed = false;
        return resolve(round);
      }
      reject(new Error(`${context}: the rebuild ended with code ${code}, signal ${signal}:\n${round.lines.slice(-3).join('\n')}\n${stderr}`));
    }),
  );
}
