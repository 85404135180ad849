import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signLedgerCheckpoint } from '#application';
import { SqliteEventStore } from '#event-store';
import { loadConfig, tamperEvidenceSettings } from '../../apps/api/src/index.js';
import { importFile } from '../../apps/cli/src/import/import-file.js';
import { SqliteTamperer } from '../../libs/event-store/src/testing/sqlite-tamper.js';
import { cliPath } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * `ledger verify` on SQLite files edited behind the store's back, the way a tamperer
 * would (the triggers that refuse edits dropped first). The CLI runs are independent, so
 * they run side by side to keep the suite short.
 *
 * The pristine store: the reference deal (positions 1–12, revisions 0–11), a checkpoint
 * signed at 12 (its event at 13), the four later events (14–17, revisions 12–15).
 */
const SEED = join(__dirname, '..', '..', 'seed');
const STREAM = 'deal-caremag-2025';
const root = tempDataDir();
afterAll(() => root.remove());

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCliAsync(args: string[], dataDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath(), ...args], { env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'none' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function pristineStore(dir: string, withCheckpoint: boolean): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const store = await SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  try {
    await importFile(store, join(SEED, 'caremag-2025.jsonl'), { actor: 'seed' });
    if (!withCheckpoint) return;
    const settings = tamperEvidenceSettings({ ...loadConfig({}), dataDir: dir });
    const signed = await signLedgerCheckpoint(store, settings, { actor: 'test', now: () => new Date() });
    if (!signed.ok) throw new Error('the pristine store did not verify');
    await importFile(store, join(SEED, 'caremag-2025-later.hypothetical.jsonl'), { actor: 'seed' });
  } finally {
    await store.close();
  }
}

/** A copy of the pristine data dir, edited by `tamper`. */
function tamperedCopy(name: string, tamper: (t: SqliteTamperer, dir: string) => void): string {
  const dir = join(root.dir, name);
  cpSync(join(root.dir, 'pristine'), dir, { recursive: true });
  const tamperer = new SqliteTamperer(join(dir, 'events.sqlite'));
  try {
    tamper(tamperer, dir);
  } finally {
    tamperer.close();
  }
  return dir;
}

const rows: Record<number, { event_id: string; hash: string }> = {};
const runs: Record<string, Run> = {};
const json = (name: string) => JSON.parse(runs[name]!.stdout);

beforeAll(async () => {
  await pristineStore(join(root.dir, 'pristine'), true);
  await pristineStore(join(root.dir, 'unsigned'), false);
  const external = join(root.dir, 'kept-elsewhere-12.json');
  cpSync(join(root.dir, 'pristine', 'checkpoints', '12.json'), external);

  const dirs = {
    clean: tamperedCopy('clean', (t) => Object.assign(rows, Object.fromEntries(t.rows().map((r) => [r.position, r])))),
    payload: tamperedCopy('payload', (t) => t.flipPayloadByte(5)),
    metadata: tamperedCopy('metadata', (t) => t.setMetadataField(15, 'actor', 'someone-else')),
    deleted: tamperedCopy('deleted', (t) => t.deleteRow(7)),
    swapped: tamperedCopy('swapped', (t) => t.swapRows(9, 10)),
    truncated: tamperedCopy('truncated', (t, dir) => {
      t.truncateAfter(11);
      // The tamperer removes the local checkpoint file too: only the copy kept elsewhere is left.
      rmSync(join(dir, 'checkpoints'), { recursive: true });
    }),
    export: tamperedCopy('export', () => {}),
  };
  const results = await Promise.all([
    runCliAsync(['verify', '--json'], dirs.clean),
    runCliAsync(['verify'], dirs.payload),
    runCliAsync(['verify', '--json'], dirs.metadata),
    runCliAsync(['verify', '--json'], dirs.deleted),
    runCliAsync(['verify', '--json'], dirs.swapped),
    runCliAsync(['verify', '--json', '--checkpoint', external], dirs.truncated),
    runCliAsync(['checkpoint'], join(root.dir, 'unsigned')),
    runCliAsync(['export', '--deal', 'caremag-2025', '--out', join(root.dir, 'bundle'), '--json'], dirs.export),
  ]);
  ['clean', 'payload', 'metadata', 'deleted', 'swapped', 'truncated', 'checkpoint', 'export'].forEach((name, i) => (runs[name] = results[i]!));

  // The bundle: checked as exported and with one byte of its CSV changed.
  const altered = join(root.dir, 'bundle-altered');
  cpSync(join(root.dir, 'bundle'), altered, { recursive: true });
  const csv = join(altered, 'figure-histories.csv');
  writeFileSync(csv, readFileSync(csv, 'utf8').replace('110000000', '110000001'));
  const publicKey = join(root.dir, 'pristine', 'checkpoint-signing-key.pub.pem');
  const [intact, tampered] = await Promise.all([
    runCliAsync(['verify-bundle', join(root.dir, 'bundle'), '--public-key', publicKey], root.dir),
    runCliAsync(['verify-bundle', altered, '--json'], root.dir),
  ]);
  Object.assign(runs, { bundleIntact: intact, bundleAltered: tampered });
}, 120_000);

describe('ledger verify', () => {
  it('finds the untouched store intact, with its checkpoint, and exits 0', () => {
    expect(runs.clean!.status).toBe(0);
    expect(json('clean')).toMatchObject({ ok: true, events: 17, streams: 2, upTo: 17, checkpointsFound: 2 });
    expect(json('clean').checkpoints).toEqual([expect.objectContaining({ position: 12, sources: [expect.stringMatching(/ledger-checkpoints@0/), expect.stringMatching(/12\.json$/)] })]);
  });

  it('names the event one byte of whose payload changed, with both hashes, and exits 1', () => {
    const { status, stderr } = runs.payload!;
    expect(status).toBe(1);
    expect(stderr).toContain('CHAIN.HASH_MISMATCH');
    expect(stderr).toMatch(new RegExp(`stream\\s+${STREAM} revision 4\\n\\s+position\\s+5\\n\\s+event id\\s+${rows[5]!.event_id}`));
    expect(stderr).toMatch(new RegExp(`found\\s+${rows[5]!.hash}`));
    expect(stderr).toMatch(/expected\s+[0-9a-f]{64}/);
  });

  it('names the event a metadata field of which changed', () => {
    expect(runs.metadata!.status).toBe(1);
    expect(json('metadata').problem).toMatchObject({
      code: 'CHAIN.HASH_MISMATCH',
      streamId: STREAM,
      revision: 13,
      position: 15,
      eventId: rows[15]!.event_id,
      foundHash: rows[15]!.hash,
    });
  });

  it('names the revision of a deleted event', () => {
    expect(runs.deleted!.status).toBe(1);
    expect(json('deleted').problem).toMatchObject({ code: 'CHAIN.UNEXPECTED_REVISION', streamId: STREAM, expectedRevision: 6, revision: 7, position: 8 });
  });

  it('names the first of two swapped events', () => {
    expect(runs.swapped!.status).toBe(1);
    expect(json('swapped').problem).toMatchObject({
      code: 'CHAIN.UNEXPECTED_REVISION',
      streamId: STREAM,
      expectedRevision: 8,
      revision: 9,
      position: 9,
      eventId: rows[10]!.event_id,
    });
  });

  it('catches a truncated tail through a checkpoint file kept elsewhere', () => {
    expect(runs.truncated!.status).toBe(1);
    expect(json('truncated').problem).toMatchObject({ code: 'CHECKPOINT.BEYOND_HEAD', position: 11, checkpoint: { position: 12 } });
  });
});

describe('ledger checkpoint', () => {
  it('creates the signing key on first use (mode 0600), prints its public part, and signs the heads', () => {
    const { status, stdout } = runs.checkpoint!;
    expect(status).toBe(0);
    const dir = join(root.dir, 'unsigned');
    const publicKey = readFileSync(join(dir, 'checkpoint-signing-key.pub.pem'), 'utf8');
    expect(stdout).toContain(publicKey.trimEnd());
    expect(statSync(join(dir, 'checkpoint-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(stdout).toMatch(/Signed checkpoint at position 12: 12 events in 1 stream,/);
    expect(JSON.parse(readFileSync(join(dir, 'checkpoints', '12.json'), 'utf8'))).toMatchObject({ position: 12, streamCount: 1 });
  });
});

describe('ledger export and verify-bundle', () => {
  it('exports a bundle covered by the latest checkpoint that covers the deal, and checks it offline', () => {
    expect(runs.export!.status).toBe(0);
    expect(json('export')).toMatchObject({ ok: true, events: 16, signedNewCheckpoint: true, checkpointPosition: 17 });
    expect(runs.bundleIntact!.status).toBe(0);
    expect(runs.bundleIntact!.stdout).toMatch(/Intact: caremag-2025, 16 events up to position 17/);
    expect(runs.bundleIntact!.stdout).toMatch(/Signed by the trusted key [0-9a-f]{64}/);
  });

  it('fails on a bundle one byte of which changed', () => {
    expect(runs.bundleAltered!.status).toBe(1);
    expect(json('bundleAltered').problem).toMatchObject({ code: 'BUNDLE.FILE_ALTERED', file: 'figure-histories.csv' });
  });
});

