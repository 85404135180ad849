import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dealIdOf } from '../deals/deal-facts.js';
import { seededRandom } from '../deals/random.js';
import { startChild } from '../harness/child-process.js';
import type { BenchContext } from '../harness/context.js';
import { wants } from '../harness/options.js';
import { compiledScript } from '../harness/paths.js';
import { measuringCpuOf } from '../harness/machine.js';
import { latencyPercentiles, millisecondsSince, secondsSince } from '../harness/stats.js';
import { DealWriter } from './deal-writer.js';
import { HttpClient } from './http-client.js';
import { pacedRun, reportPaced, type PacedRun } from './http-paced.js';

const COMMANDS = 'command over HTTP (POST + If-Match)';
const READ = 'read current deal state';
const AS_OF_READ = 'read a deal as of a moment (audit read, logged)';
const WRITER_KEY = 'bench-writer-key';
/** Every route but /health needs a credential: reads go with the writer's key too. */
const AUTH = { authorization: `Bearer ${WRITER_KEY}` };

interface Samples {
  throughput: number[];
  p50: number[];
  p99: number[];
  /** The server's CPU time per command (where /proc is there to read it). */
  cpuMs: number[];
}

const emptySamples = (): Samples => ({ throughput: [], p50: [], p99: [], cpuMs: [] });

/**
 * The real HTTP server (createHttpApp on 127.0.0.1, port 0) in a child process over a
 * copy of the 10,000-deal store, synchronous=FULL. Closed loops of 1, 8 and 32 clients;
 * GET /deals/:dealId; then one long open loop at a fixed rate (http-paced.ts); and after
 * the server stops, the same lookups as raw SELECTs on its read-model file.
 */
export async function httpWorkloads(ctx: BenchContext): Promise<void> {
  const { sizes } = ctx.options;
  const dataDir = ctx.scratch.path('http-data');
  mkdirSync(dataDir);
  copyFileSync(await ctx.openingStore(), join(dataDir, 'events.sqlite'));
  ctx.log('HTTP: starting the server');
  const server = await startChild(compiledScript('workloads/http-server.child.js'), [dataDir, WRITER_KEY], {
    cpuProf: ctx.options.cpuProf,
  });
  const { url, pid } = server.ready as { url: string; pid: number };
  const client = new HttpClient(url, 256);
  const writer = new DealWriter(client, WRITER_KEY);
  const closed = new Map<number, Samples>(sizes.httpConcurrency.map((c) => [c, emptySamples()]));
  let paced: PacedRun | undefined;
  const reads = emptySamples();
  const asOfReads = emptySamples();
  const random = seededRandom(7);

  try {
    await warmUp(writer, client, sizes.deals);
    for (let run = 0; run < sizes.runs; run++) {
      if (wants(ctx.options, 'http')) {
        for (const concurrency of sizes.httpConcurrency) {
          const samples = closed.get(concurrency)!;
          const { result, cpuMs } = await measuringCpuOf(pid, () => closedLoop(writer, concurrency, sizes.httpRequests, sizes.deals));
          record(samples, result);
          if (cpuMs !== undefined) samples.cpuMs.push(cpuMs / sizes.httpRequests);
        }
      }
      if (wants(ctx.options, 'read')) {
        record(reads, await readLoop(client, sizes.readRequests, sizes.deals, random));
        // A moment already past: an instant not yet past is refused (AUDIT.KNOWN_AT_IN_FUTURE).
        record(asOfReads, await readLoop(client, sizes.readRequests, sizes.deals, random, { knownAt: new Date(Date.now() - 1).toISOString() }));
      }
      ctx.log(`HTTP: run ${run + 1}/${sizes.runs} done`);
    }
    // After the closed loops: the commands go on from where their deals are, one after another.
    if (wants(ctx.options, 'http')) paced = await pacedRun(writer, pid, sizes, ctx.scratch.path('commits.sqlite'), ctx.log);
  } finally {
    client.close();
    await server.stop();
  }

  const { report } = ctx;
  const failures = writer.failures();
  if (failures) report.facts.httpCommandFailures = failures;
  if (wants(ctx.options, 'http')) {
    for (const [concurrency, samples] of closed) {
      const workload = `${COMMANDS}, ${concurrency} client${concurrency === 1 ? '' : 's'}`;
      const id = `http-commands.c${concurrency}`;
      const note = `${sizes.httpRequests} commands per run${failures ? `; non-201: ${failures}` : ''}`;
      report.add({ id: `${id}.throughput`, workload, system: 'Deal Ledger', metric: 'commands/s', samples: samples.throughput, note });
      report.add({ id: `${id}.p50`, workload, system: 'Deal Ledger', metric: 'p50 ms', samples: samples.p50 });
      report.add({ id: `${id}.p99`, workload, system: 'Deal Ledger', metric: 'p99 ms', samples: samples.p99 });
      if (samples.cpuMs.length > 0) report.add({ id: `${id}.server-cpu`, workload, system: 'Deal Ledger', metric: 'server CPU ms/command', samples: samples.cpuMs });
    }
    const busiest = Math.max(...sizes.httpConcurrency);
    const rate = report.find(`http-commands.c${busiest}.throughput`)!.spread.median;
    report.compare({ label: `commands over HTTP, ${busiest} clients`, value: rate, unit: 'commands/s', target: { op: '>=', threshold: 2000 }, basis: 'median over runs' });
  }
  if (paced) reportPaced(report, sizes, paced);
  if (wants(ctx.options, 'read')) {
    const note = `${sizes.readRequests} sequential GETs per run, random deals`;
    const read = report.add({ id: 'read.http.p50', workload: READ, system: 'Deal Ledger', metric: 'GET p50 ms', samples: reads.p50, note });
    report.compare({ label: 'GET /deals/:dealId p50', value: read.spread.median, unit: 'ms', target: { op: '<=', threshold: 0.4 }, basis: 'median over runs of each run’s p50' });
    report.add({ id: 'read.http.p99', workload: READ, system: 'Deal Ledger', metric: 'GET p99 ms', samples: reads.p99 });
    const asOfNote = `${sizes.readRequests} sequential GETs ?knownAt=<run start> per run: folded from the deal's events, then one access-log append (synchronous=FULL)`;
    report.add({ id: 'read.asof.http.p50', workload: AS_OF_READ, system: 'Deal Ledger', metric: 'GET p50 ms', samples: asOfReads.p50, note: asOfNote });
    report.add({ id: 'read.asof.http.p99', workload: AS_OF_READ, system: 'Deal Ledger', metric: 'GET p99 ms', samples: asOfReads.p99 });
    report.ratio('as-of read (logged) p50 / current-state read p50', 'read.asof.http.p50', 'read.http.p50', { op: '<=', threshold: 1.5 });
    rawSelects(ctx, join(dataDir, 'read-models.sqlite'));
  }
}

function record(samples: Samples, result: { seconds: number; latencies: number[] }): void {
  const { p50, p99 } = latencyPercentiles(result.latencies);
  samples.throughput.push(result.latencies.length / result.seconds);
  samples.p50.push(p50);
  samples.p99.push(p99);
}

async function warmUp(writer: DealWriter, client: HttpClient, deals: number): Promise<void> {
  // JIT, sockets, SQLite page cache: the first few hundred requests are not what is measured.
  await closedLoop(writer, 8, 300, deals);
  for (let i = 0; i < 200; i++) await client.send('GET', `/deals/${dealIdOf((i * 37) % deals)}`, AUTH);
}

/** `concurrency` clients, each writing its own deals one command after another. */
async function closedLoop(writer: DealWriter, concurrency: number, total: number, deals: number) {
  const latencies: number[] = [];
  let issued = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      // Worker w owns deals w, w + c, w + 2c, …; it moves on to its next deal each time.
      let deal = worker;
      while (issued < total) {
        issued++;
        latencies.push((await writer.write(deal)).latencyMs);
        deal = deal + concurrency < deals ? deal + concurrency : worker;
      }
    }),
  );
  return { seconds: secondsSince(started), latencies };
}

async function readLoop(client: HttpClient, count: number, deals: number, random: () => number, asOf?: { knownAt: string }) {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const query = asOf ? `?knownAt=${encodeURIComponent(asOf.knownAt)}` : '';
  for (let i = 0; i < count; i++) {
    const t = process.hrtime.bigint();
    const answer = await client.send('GET', `/deals/${dealIdOf(Math.floor(random() * deals))}${query}`, AUTH);
    latencies.push(millisecondsSince(t));
    if (answer.status !== 200) throw new Error(`GET /deals answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
  return { seconds: secondsSince(started), latencies };
}

/**
 * The baseline of a read: the deal's row and its figure rows fetched by primary key with
 * prepared statements on the same read-model file, in process, no HTTP. The server holds
 * that file in exclusive locking mode, hence after it stopped.
 */
function rawSelects(ctx: BenchContext, file: string): void {
  const { sizes } = ctx.options;
  const db = new Database(file);
  const p50: number[] = [];
  const p99: number[] = [];
  try {
    const deal = db.prepare('SELECT * FROM deal_state_deals WHERE deal_id = ?');
    const figures = db.prepare('SELECT * FROM deal_state_figures WHERE deal_id = ?');
    const random = seededRandom(7);
    for (let run = 0; run < sizes.runs; run++) {
      const latencies: number[] = [];
      for (let i = 0; i < sizes.readRequests; i++) {
        const dealId = dealIdOf(Math.floor(random() * sizes.deals));
        const t = process.hrtime.bigint();
        const row = deal.get(dealId);
        figures.all(dealId);
        latencies.push(millisecondsSince(t));
        if (!row) throw new Error(`raw SELECT found no row for ${dealId}`);
      }
      const percentiles = latencyPercentiles(latencies);
      p50.push(percentiles.p50);
      p99.push(percentiles.p99);
    }
  } catch (error) {
    ctx.report.gap({ workload: READ, system: 'raw better-sqlite3', reason: (error as Error).message });
    return;
  } finally {
    db.close();
  }
  const note = 'deal row + its figure rows by primary key, in process';
  ctx.report.add({ id: 'read.raw.p50', workload: READ, system: 'raw better-sqlite3', metric: 'SELECT p50 ms', samples: p50, note });
  ctx.report.add({ id: 'read.raw.p99', workload: READ, system: 'raw better-sqlite3', metric: 'SELECT p99 ms', samples: p99 });
  ctx.report.ratio('read: GET p50 / raw SELECT p50', 'read.http.p50', 'read.raw.p50');
}
