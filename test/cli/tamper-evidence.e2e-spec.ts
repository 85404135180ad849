import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hideStreamFromCategoryIndex, SqliteTamperer } from '../../libs/event-store/src/testing/sqlite-tamper.js';
import { getJson, ledgerKeyPrinted, localApiKey, runCliAsync, startServe, stop, waitForCheckpoint, type CliRun } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * `ledger verify` on data directories edited behind the ledger's back, the way a hostile
 * operator would: with the server stopped, rows edited (the triggers that refuse it dropped
 * and put back), hashes recomputed, files deleted. No checkpoint is signed by hand:
 * `ledger serve` signs them on its own, which is what catches the careful forgeries.
 *
 * The pristine directory: `ledger serve` loads the reference deal (positions 1–12), issues
 * its local admin key (13, in the access-keys stream) and signs a checkpoint of those 13
 * events; `ledger import` adds the four later events (14–17), and `ledger checkpoint` signs
 * the tree of 17.
 */
const SEED = join(__dirname, '..', '..', 'seed');
const STREAM = 'deal-caremag-2025';
const root = tempDataDir();
afterAll(() => root.remove());

const cli = (args: string[], dataDir: string) => runCliAsync(args, { LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'none' });

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
const runs: Record<string, CliRun> = {};
const json = (name: string) => JSON.parse(runs[name]!.stdout.split('\n')[0]!);
let firstCheckpoint = '';
let ledgerKey = '';

beforeAll(async () => {
  assertBuildIsCurrent(['apps/cli/src', 'apps/api/src', 'libs/application/src', 'libs/event-store/src', 'libs/verifier/src']);
  const pristine = join(root.dir, 'pristine');
  const server = await startServe({ LEDGER_DATA_DIR: pristine });
  try {
    firstCheckpoint = await waitForCheckpoint(server.url, localApiKey(pristine), 13);
    ledgerKey = ledgerKeyPrinted(server.output());
  } finally {
    await stop(server.child);
  }
  writeFileSync(join(root.dir, 'kept-elsewhere-13.checkpoint'), firstCheckpoint);
  expect((await cli(['import', join(SEED, 'caremag-2025-later.hypothetical.jsonl'), '--actor', 'seed'], pristine)).status).toBe(0);
  expect((await cli(['checkpoint'], pristine)).status).toBe(0);

  // A forgery with every later hash recomputed, and the same after the proofs file and the
  // key were deleted too (the ledger would make new ones at its next start).
  const rewrite = (t: SqliteTamperer) => {
    t.flipPayloadByte(5);
    t.rechain(STREAM);
  };
  const dirs = {
    clean: tamperedCopy('clean', (t) => Object.assign(rows, Object.fromEntries(t.rows().map((r) => [r.position, r])))),
    payload: tamperedCopy('payload', (t) => t.flipPayloadByte(5)),
    metadata: tamperedCopy('metadata', (t) => t.setMetadataField(15, 'actor', 'someone-else')),
    deleted: tamperedCopy('deleted', (t) => t.deleteRow(7)),
    swapped: tamperedCopy('swapped', (t) => t.swapRows(9, 10)),
    rewritten: tamperedCopy('rewritten', rewrite),
    rewrittenAll: tamperedCopy('rewritten-all', (t, dir) => {
      rewrite(t);
      for (const file of ['transparency.sqlite', 'transparency.sqlite-wal', 'transparency.sqlite-shm', 'checkpoint-signing-key.pem', 'checkpoint-signing-key.pub.pem']) {
        rmSync(join(dir, file), { force: true });
      }
    }),
    truncated: tamperedCopy('truncated', (t) => t.truncateAfter(14)),
    unreadable: tamperedCopy('unreadable', (t) => t.setColumn(6, 'data', '{"figureId": "stake-')),
    category: tamperedCopy('category', () => {}),
    unsigned: join(root.dir, 'unsigned'),
    export: tamperedCopy('export', () => {}),
  };
  hideStreamFromCategoryIndex(join(dirs.category, 'events.sqlite'), STREAM);
  expect((await cli(['import', join(SEED, 'caremag-2025.jsonl'), '--actor', 'seed'], dirs.unsigned)).status).toBe(0);

  const kept = join(root.dir, 'kept-elsewhere-13.checkpoint');
  const results = await Promise.all([
    cli(['verify', '--json'], dirs.clean),
    cli(['verify'], dirs.payload),
    cli(['verify', '--json'], dirs.metadata),
    cli(['verify', '--json'], dirs.deleted),
    cli(['verify', '--json'], dirs.swapped),
    cli(['verify', '--json'], dirs.rewritten),
    cli(['verify', '--json'], dirs.rewrittenAll),
    cli(['verify', '--json', '--ledger-key', ledgerKey, '--checkpoint', kept], dirs.rewrittenAll),
    cli(['verify', '--json'], dirs.truncated),
    cli(['verify', '--json'], dirs.unreadable),
    cli(['verify', '--json'], dirs.category),
    cli(['checkpoint'], dirs.unsigned),
    cli(['export', '--deal', 'caremag-2025', '--out', join(root.dir, 'bundle'), '--json'], dirs.export),
    cli(['verify', '--deal', 'caremag-2025', '--json'], dirs.clean),
    cli(['verify', '--deal', 'caremag-2025', '--json'], dirs.truncated),
  ]);
  ['clean', 'payload', 'metadata', 'deleted', 'swapped', 'rewritten', 'rewrittenAll', 'rewrittenKept', 'truncated', 'unreadable', 'category', 'checkpoint', 'export', 'dealClean', 'dealTruncated'].forEach(
    (name, i) => (runs[name] = results[i]!),
  );

  // The bundle: checked as exported and with one byte of its CSV changed.
  const altered = join(root.dir, 'bundle-altered');
  cpSync(join(root.dir, 'bundle'), altered, { recursive: true });
  const csv = join(altered, 'figure-histories.csv');
  writeFileSync(csv, readFileSync(csv, 'utf8').replace('110000000', '110000001'));
  const [intact, tampered] = await Promise.all([
    cli(['verify-bundle', join(root.dir, 'bundle'), '--ledger-key', ledgerKey], root.dir),
    cli(['verify-bundle', altered, '--json'], root.dir),
  ]);
  Object.assign(runs, { bundleIntact: intact, bundleAltered: tampered });
}, 120_000);

describe('ledger verify', () => {
  it('finds the untouched ledger intact, with the two checkpoints signed on their own, and exits 0', () => {
    expect(runs.clean!.status).toBe(0);
    expect(json('clean')).toMatchObject({ ok: true, events: 17, streams: 2, upTo: 17, checkpointsFound: 2, notYetCheckpointed: 0 });
    expect(json('clean').checkpoints.map((c: { treeSize: number }) => c.treeSize)).toEqual([13, 17]);
  });

  it('names the event one byte of whose payload changed, with both hashes, and exits 1', () => {
    const { status, stderr } = runs.payload!;
    expect(status).toBe(1);
    expect(stderr).toContain('CHAIN.HASH_MISMATCH');
    expect(stderr).toMatch(new RegExp(`stream\\s+${STREAM} revision 4\\n\\s+position\\s+5\\n\\s+event id\\s+${rows[5]!.event_id}`));
    expect(stderr).toMatch(new RegExp(`found\\s+${rows[5]!.hash}`));
  });

  it('names the event a metadata field of which changed', () => {
    expect(runs.metadata!.status).toBe(1);
    expect(json('metadata').problem).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', streamId: STREAM, revision: 13, position: 15, eventId: rows[15]!.event_id });
  });

  it('names the gap a deleted event leaves, and the first of two swapped events', () => {
    expect(runs.deleted!.status).toBe(1);
    expect(json('deleted').problem).toMatchObject({ code: 'CHAIN.POSITION_NOT_INCREASING', streamId: STREAM, position: 8 });
    expect(runs.swapped!.status).toBe(1);
    expect(json('swapped').problem).toMatchObject({ code: 'CHAIN.UNEXPECTED_REVISION', streamId: STREAM, expectedRevision: 8, revision: 9, position: 9, eventId: rows[10]!.event_id });
  });

  it('catches a rewrite with every hash recomputed, by default: the event is not the leaf the tree took in', () => {
    expect(runs.rewritten!.status).toBe(1);
    expect(json('rewritten').problem).toMatchObject({ code: 'TREE.LEAF_MISMATCH', streamId: STREAM, revision: 4, position: 5, leafIndex: 4 });
  });

  it('cannot see that rewrite once the proofs file and the key are deleted too, but a checkpoint and key kept elsewhere do', () => {
    // What the operator of the files can always do: no local evidence is left, and it says so.
    expect(runs.rewrittenAll!.status).toBe(0);
    expect(json('rewrittenAll')).toMatchObject({ ok: true, checkpointsFound: 0, ledgerKeys: [] });
    expect(runs.rewrittenKept!.status).toBe(1);
    expect(json('rewrittenKept').problem).toMatchObject({ code: 'CHECKPOINT.ROOT_MISMATCH', checkpoint: { treeSize: 13, source: expect.stringContaining('kept-elsewhere-13') } });
  });

  it('catches a truncated tail by default, through the checkpoint beyond it', () => {
    expect(runs.truncated!.status).toBe(1);
    expect(json('truncated').problem).toMatchObject({ code: 'CHECKPOINT.BEYOND_HEAD', position: 14, checkpoint: { treeSize: 17 }, otherCheckpoint: { treeSize: 13 } });
  });

  it('names an event whose stored JSON no longer parses, and exits 1 (not 2)', () => {
    expect(runs.unreadable!.status).toBe(1);
    expect(json('unreadable').problem).toMatchObject({ code: 'CHAIN.UNREADABLE_EVENT', streamId: STREAM, revision: 5, position: 6 });
  });

  it('finds a category index edited so that subscribers of the category miss the deal', () => {
    expect(runs.category!.status).toBe(1);
    expect(json('category').problem).toMatchObject({ code: 'STORE.FILE_DAMAGED', message: expect.stringContaining('events_by_category') });
  });
});

describe('ledger verify --deal', () => {
  it('proves each event of an untouched deal in the most cosigned checkpoint that covers it', () => {
    expect(runs.dealClean!.status).toBe(0);
    expect(json('dealClean')).toMatchObject({ ok: true, chain: { events: 16 }, checkpoint: { treeSize: 17 }, notYetCheckpointed: [], readModel: { ok: true } });
  });

  it('names the deal events the log tree took in that its stream no longer has', () => {
    expect(runs.dealTruncated!.status).toBe(1);
    expect(json('dealTruncated').problem).toMatchObject({ code: 'TREE.LEAF_MISMATCH', streamId: STREAM, revision: 15 });
  });
});

describe('ledger checkpoint', () => {
  it('creates the signing key on first use (mode 0600), brings the tree up to date and signs a C2SP checkpoint of it', () => {
    const { status, stdout } = runs.checkpoint!;
    expect(status).toBe(0);
    const dir = join(root.dir, 'unsigned');
    expect(statSync(join(dir, 'checkpoint-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(stdout).toMatch(/Signed the checkpoint of tree size 12:\ndeal-ledger\.local\/[0-9a-f]{16}\n12\n[A-Za-z0-9+/]{43}=\n\n— deal-ledger\.local\/[0-9a-f]{16} /);
    expect(stdout).toMatch(/The ledger's key, for auditors and witnesses \(give it by another channel\): deal-ledger\.local\/[0-9a-f]{16}\+[0-9a-f]{8}\+/);
  });
});

describe('ledger export and verify-bundle', () => {
  it('exports a bundle proved in the checkpoint that covers the deal, and checks it offline with the ledger key', () => {
    expect(runs.export!.status).toBe(0);
    expect(json('export')).toMatchObject({ ok: true, events: 16, signedNewCheckpoint: false, treeSize: 17, ledgerKey });
    expect(runs.bundleIntact!.status).toBe(0);
    expect(runs.bundleIntact!.stdout).toMatch(/Intact: caremag-2025, 16 events of stream deal-caremag-2025, each proven in the ledger's tree of 17 events/);
  });

  it('fails on a bundle one byte of which changed', () => {
    expect(runs.bundleAltered!.status).toBe(1);
    expect(json('bundleAltered').problem).toMatchObject({ code: 'BUNDLE.FILE_ALTERED', file: 'figure-histories.csv' });
  });
});

describe('ledger serve over a cut log', () => {
  it('halts its tree rather than seal the cut with new events, and says so', async () => {
    const dir = tamperedCopy('cut-then-served', (t) => t.truncateAfter(10));
    const server = await startServe({ LEDGER_DATA_DIR: dir, LEDGER_SEED: 'none' });
    try {
      expect(server.output()).toMatch(/LOG TREE HALTED, NO CHECKPOINT WILL BE SIGNED: TREE.AHEAD_OF_LOG/);
      // The server's first write after the cut (its admin key, issued again at position 11)
      // lands where the tree holds another event: the seal is named, not hidden.
      const verification = await getJson(`${server.url}/audit/verify`, localApiKey(dir));
      expect(verification).toMatchObject({ ok: false, problem: { code: 'TREE.LEAF_MISMATCH', position: '11', leafIndex: 10 } });
    } finally {
      await stop(server.child);
    }
  });
});
