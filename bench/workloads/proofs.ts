import { copyFileSync, statSync } from 'node:fs';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { CheckpointScheduler, CheckpointSigner, ledgerSigner, recordDealCommand, TransparencyLog } from '#application';
import { CheckpointBook, LogTree, LogTreeFollower, openTransparencyDatabase, SqliteEventStore } from '#event-store';
import { formatCheckpoint, leafHash, signedNote, verifyInclusion } from '#verifier';
import { seededRandom } from '../deals/random.js';
import { randomFacts } from '../deals/random-facts.js';
import { BENCH_SETTINGS } from '../deals/ledger-setup.js';
import type { BenchContext } from '../harness/context.js';
import { latencyPercentiles } from '../harness/stats.js';

const ACTOR = 'bench:analyst';
const SIGNINGS = 200;
const PROOFS = 1_000;

/**
 * What the ledger's proofs cost: building the log tree, signing a checkpoint, the size and
 * latency of inclusion and consistency proofs at 10k / 100k / 1M events, each against a
 * baseline measured here (a bare Ed25519 signature, a bare point read of the same file);
 * and appends one command at a time with automatic checkpoints on, off (the tree still
 * followed) and with no tree at all.
 */
export async function proofs(ctx: BenchContext): Promise<void> {
  for (const size of ctx.options.sizes.proofTreeSizes) treeAtSize(ctx, size);
  await appendsWithCheckpoints(ctx);
}

function treeAtSize(ctx: BenchContext, size: number): void {
  const workload = `log tree of ${size.toLocaleString('en')} events`;
  ctx.log(`${workload}: building`);
  const file = ctx.scratch.path(`tree-${size}.sqlite`);
  const db = openTransparencyDatabase(file);
  const tree = new LogTree(db);
  const { privateKey } = generateKeyPairSync('ed25519');
  const origin = 'deal-ledger.bench/log';
  const eventHash = (i: number) => createHash('sha256').update(`event ${i}`).digest();
  const started = process.hrtime.bigint();
  for (let at = 0; at < size; at += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, size - at) }, (_, j) => ({ position: at + j + 1, eventHash: eventHash(at + j) }));
    tree.write(() => tree.appendLeaves(batch, at));
  }
  const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const samples = { checkpoint: [] as number[], sign: [] as number[], inclusion: [] as number[], read: [] as number[] };
  const read = db.prepare<[number], Buffer>('SELECT hash FROM tree_hashes WHERE idx = ?').pluck();
  const random = seededRandom(size);
  for (let run = 0; run < ctx.options.sizes.runs; run++) {
    const checkpointMs: number[] = [];
    const signMs: number[] = [];
    for (let i = 0; i < SIGNINGS; i++) {
      let t = process.hrtime.bigint();
      const text = formatCheckpoint({ origin, treeSize: size, rootHash: tree.root(size), extensions: [] });
      signedNote(text, { name: origin, privateKey });
      checkpointMs.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      sign(null, Buffer.from(text), privateKey);
      signMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const inclusionMs: number[] = [];
    const readMs: number[] = [];
    for (let i = 0; i < PROOFS; i++) {
      const leaf = Math.floor(random() * size);
      let t = process.hrtime.bigint();
      tree.inclusionProof(leaf, size);
      inclusionMs.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      read.get(leaf);
      readMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    samples.checkpoint.push(latencyPercentiles(checkpointMs).p50);
    samples.sign.push(latencyPercentiles(signMs).p50);
    samples.inclusion.push(latencyPercentiles(inclusionMs).p50);
    samples.read.push(latencyPercentiles(readMs).p50);
  }
  const leaf = Math.floor(size / 3);
  const path = tree.inclusionProof(leaf, size);
  const proved = verifyInclusion({ leafIndex: leaf, treeSize: size, leafHash: leafHash(eventHash(leaf)), auditPath: path, root: tree.root(size) });
  if (!proved.ok) throw new Error(`the bench tree's own proof does not verify: ${proved.reason}`);
  const consistency = tree.consistencyProof(Math.floor(size / 2) + 1, size);
  ctx.report.facts[`proofs.sizes${size}`] = {
    inclusionHashes: path.length,
    inclusionJsonBytes: JSON.stringify({ leafIndex: leaf, treeSize: size, leafHash: '', auditPath: path.map((h) => h.toString('base64')) }).length + 44,
    consistencyHashes: consistency.length,
    consistencyJsonBytes: JSON.stringify({ from: Math.floor(size / 2) + 1, to: size, proof: consistency.map((h) => h.toString('base64')) }).length,
  };
  db.close();
  ctx.report.facts[`proofs.tree${size}`] = { leavesPerSecond: Math.round(size / buildSeconds), fileBytes: statSync(file).size };

  const id = `proofs.${size}`;
  const { report } = ctx;
  report.add({ id: `${id}.checkpoint`, workload, system: 'Deal Ledger', metric: 'checkpoint signing p50 ms', samples: samples.checkpoint, note: 'root from stored hashes + C2SP note + Ed25519' });
  report.add({ id: `${id}.sign`, workload, system: 'raw node:crypto', metric: 'checkpoint signing p50 ms', samples: samples.sign, note: 'Ed25519 signature of the same text alone' });
  report.add({ id: `${id}.inclusion`, workload, system: 'Deal Ledger', metric: 'inclusion proof p50 ms', samples: samples.inclusion, note: `${PROOFS} random leaves per run, from the proofs file` });
  report.add({ id: `${id}.read`, workload, system: 'raw better-sqlite3', metric: 'inclusion proof p50 ms', samples: samples.read, note: 'one point read of the same file' });
  report.ratio(`checkpoint signing at ${size}: ledger / bare Ed25519 signature`, `${id}.checkpoint`, `${id}.sign`);
  report.ratio(`inclusion proof at ${size}: ledger / one point read`, `${id}.inclusion`, `${id}.read`);
}

type Setup = 'no tree' | 'checkpoints off' | 'checkpoints on';
const SETUPS: readonly Setup[] = ['no tree', 'checkpoints off', 'checkpoints on'];

/**
 * One command at a time on copies of the opening store, each with its own proofs file. The
 * three setups take turns run by run (rotating order), so each sees the same disk on average.
 * The tree is built over the opening store before the timing starts.
 */
async function appendsWithCheckpoints(ctx: BenchContext): Promise<void> {
  const workload = 'append, one command at a time, with the log tree';
  const { sizes } = ctx.options;
  const samples: Record<Setup, number[]> = { 'no tree': [], 'checkpoints off': [], 'checkpoints on': [] };
  // The same sequence of commands for each store: a later fact of a deal needs its earlier ones.
  const nextItems = new Map(SETUPS.map((setup) => [setup, randomFacts(sizes.deals, 13, ACTOR)]));
  const opening = await ctx.openingStore();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = ledgerSigner({ privateKey, publicKey }, 'deal-ledger.bench/log');
  const ledgers = new Map<Setup, Awaited<ReturnType<typeof openLedger>>>();
  async function openLedger(setup: Setup) {
    const file = ctx.scratch.path(`proofs-append-${setup.replace(/ /g, '-')}.sqlite`);
    copyFileSync(opening, file);
    const store = await SqliteEventStore.open({ file, synchronous: 'FULL' });
    if (setup === 'no tree') return { store, close: () => store.close() };
    const db = openTransparencyDatabase(`${file}.proofs`);
    const follower = new LogTreeFollower(store, db, { densePositions: true });
    await follower.start();
    await follower.catchUp();
    const log = new TransparencyLog(follower, new CheckpointBook(db));
    const scheduler =
      setup === 'checkpoints on'
        ? new CheckpointScheduler(log, new CheckpointSigner(log, signer, { now: () => new Date() }), { everyEvents: 1_000, everySeconds: 60 }, () => new Date())
        : undefined;
    scheduler?.start();
    return {
      store,
      close: async () => {
        await scheduler?.stop();
        await follower.stop();
        db.close();
        await store.close();
      },
    };
  }
  ctx.log(`${workload}: preparing three stores and their trees`);
  for (const setup of SETUPS) ledgers.set(setup, await openLedger(setup));
  try {
    for (let run = 0; run < sizes.runs; run++) {
      const order = SETUPS.map((_, i) => SETUPS[(i + run) % SETUPS.length]!);
      for (const setup of order) {
        const { store } = ledgers.get(setup)!;
        const nextItem = nextItems.get(setup)!;
        const started = process.hrtime.bigint();
        for (let i = 0; i < sizes.singleAppendCommands; i++) {
          const item = nextItem();
          await recordDealCommand(store, item.command, item.context, BENCH_SETTINGS);
        }
        samples[setup].push(sizes.singleAppendCommands / (Number(process.hrtime.bigint() - started) / 1e9));
      }
      ctx.log(`${workload}: run ${run + 1}/${sizes.runs} done`);
    }
  } finally {
    for (const ledger of ledgers.values()) await ledger.close();
  }
  const note = `${sizes.singleAppendCommands} commands per run, synchronous=FULL; checkpoints every 1,000 events or 60 s`;
  ctx.report.add({ id: 'proofs.append.no-tree', workload, system: 'Deal Ledger, no tree', metric: 'events/s', samples: samples['no tree'], note: 'the same store and command path, no log tree' });
  ctx.report.add({ id: 'proofs.append.off', workload, system: 'Deal Ledger', metric: 'events/s', samples: samples['checkpoints off'], note: `tree followed, no checkpoint; ${note}` });
  ctx.report.add({ id: 'proofs.append.on', workload, system: 'Deal Ledger', metric: 'events/s', samples: samples['checkpoints on'], note });
  ctx.report.ratio('append with automatic checkpoints: on / off', 'proofs.append.on', 'proofs.append.off', { op: '>=', threshold: 0.95 });
  ctx.report.ratio('append with the log tree and checkpoints / with no tree', 'proofs.append.on', 'proofs.append.no-tree');
}
