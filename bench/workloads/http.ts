import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dealIdOf } from '../deals/deal-facts.js';
import { pacedRawCommits } from '../baselines/raw-commits.js';
import { seededRandom } from '../deals/random.js';
import { startChild } from '../harness/child-process.js';
import type { BenchContext } from '../harness/context.js';
import { wants } from '../harness/options.js';
import { compiledScript } from '../harness/paths.js';
import { latencyPercentiles, millisecondsSince, secondsSince } from '../harness/stats.js';
import { DealWriter } from './deal-writer.js';
import { HttpClient } from './http-client.js';

const COMMANDS = 'command over HTTP (POST + If-Match)';
const PACED = 'command over HTTP, paced';
const READ = 'read current deal state';
const AS_OF_READ = 'read a deal as of a moment (audit read, logged)';
const WRITER_KEY = 'bench-writer-key';
/** Every route but /health needs a credential: reads go with the writer's key too. */
const AUTH = { authorization: `Bearer ${WRITER_KEY}` };

interface Samples {
  throughput: number[];
  p50: number[];
  p99: number[];
}

const emptySamples = (): Samples => ({ throughput: [], p50: [], p99: [] });

/**
 * The real HTTP server (createHttpApp on 127.0.0.1, port 0) in a child process over a
 * copy of the 10,000-deal store, synchronous=FULL. Closed loops of 1, 8 and 32 clients;
 * an open loop at a fixed rate (latency counted from when each request was due, so a
 * stall is not hidden by the client waiting); then GET /deals/:dealId, and after the
 * server stops, the same lookups as raw SELECTs on its read-model file.
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
  const { url } = server.ready as { url: string };
  const client = new HttpClient(url, 256);
  const writer = new DealWriter(client, WRITER_KEY);
  const closed = new Map<number, Samples>(sizes.httpConcurrency.map((c) => [c, emptySamples()]));
  const paced = emptySamples();
  const pacedRaw = emptySamples();
  const reads = emptySamples();
  const asOfReads = emptySamples();
  const random = seededRandom(7);
  let pacedCursor = 0;

  try {
    await warmUp(writer, client, sizes.deals);
    for (let run = 0; run < sizes.runs; run++) {
      if (wants(ctx.options, 'http')) {
        for (const concurrency of sizes.httpConcurrency) {
          record(closed.get(concurrency)!, await closedLoop(writer, concurrency, sizes.httpRequests, sizes.deals));
        }
        const { result, nextCursor } = await openLoop(writer, sizes.pacedRate, sizes.pacedSeconds, sizes.deals, pacedCursor);
        pacedCursor = nextCursor;
        record(paced, result);
        // The same rate and method on bare durable commits, while the server idles.
        const commits = await pacedRawCommits(ctx.scratch.path('commits.sqlite'), sizes.pacedRate, sizes.pacedSeconds, 'x'.repeat(600));
        record(pacedRaw, { seconds: sizes.pacedSeconds, latencies: commits });
      }
      if (wants(ctx.options, 'read')) {
        record(reads, await readLoop(client, sizes.readRequests, sizes.deals, random));
        // A moment already past: an instant not yet past is refused (AUDIT.KNOWN_AT_IN_FUTURE).
        record(asOfReads, await readLoop(client, sizes.readRequests, sizes.deals, random, { knownAt: new Date(Date.now() - 1).toISOString() }));
      }
      ctx.log(`HTTP: run ${run + 1}/${sizes.runs} done`);
    }
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
    }
    const workload = `${PACED} at ${sizes.pacedRate}/s`;
    const note = `${Math.round(sizes.pacedRate * sizes.pacedSeconds)} commands per run, latency from the scheduled send`;
    const answered = report.add({ id: 'http-paced.throughput', workload, system: 'Deal Ledger', metric: 'commands/s', samples: paced.throughput, note });
    if (answered.spread.median < 0.95 * sizes.pacedRate) {
      report.facts.pacedRunSaturated =
        `the server answered ${Math.round(answered.spread.median)} of the ${sizes.pacedRate} commands/s offered: ` +
        'it was saturated, so the paced latencies grow with the length of the run';
    }
    report.add({ id: 'http-paced.p50', workload, system: 'Deal Ledger', metric: 'p50 ms', samples: paced.p50 });
    const p99 = report.add({ id: 'http-paced.p99', workload, system: 'Deal Ledger', metric: 'p99 ms', samples: paced.p99 });
    const rawNote = 'one single-row transaction per command, WAL, synchronous=FULL';
    report.add({ id: 'http-paced.raw.p50', workload, system: 'raw better-sqlite3', metric: 'commit p50 ms', samples: pacedRaw.p50, note: rawNote });
    report.add({ id: 'http-paced.raw.p99', workload, system: 'raw better-sqlite3', metric: 'commit p99 ms', samples: pacedRaw.p99 });
    report.ratio(`paced ${sizes.pacedRate}/s: command p99 / durable commit p99`, 'http-paced.p99', 'http-paced.raw.p99');
    report.compare({
      label: `command over HTTP: p99 at ${sizes.pacedRate} commands/s`,
      value: p99.spread.median,
      unit: 'ms',
      target: { op: '<', threshold: 10 },
      basis: 'median over runs of each run’s p99',
    });
  }
  if (wants(ctx.options, 'read')) {
    const note = `${sizes.readRequests} sequential GETs per run, random deals`;
    report.add({ id: 'read.http.p50', workload: READ, system: 'Deal Ledger', metric: 'GET p50 ms', samples: reads.p50, note });
    report.add({ id: 'read.http.p99', workload: READ, system: 'Deal Ledger', metric: 'GET p99 ms', samples: reads.p99 });
    const asOfNote = `${sizes.readRequests} sequential GETs ?knownAt=<run start> per run: folded from the deal's events, then one access-log append (synchronous=FULL)`;
    report.add({ id: 'read.asof.http.p50', workload: AS_OF_READ, system: 'Deal Ledger', metric: 'GET p50 ms', samples: asOfReads.p50, note: asOfNote });
    report.add({ id: 'read.asof.http.p99', workload: AS_OF_READ, system: 'Deal Ledger', metric: 'GET p99 ms', samples: asOfReads.p99 });
    report.ratio('as-of read (logged) p50 / current-state read p50', 'read.asof.http.p50', 'read.http.p50');
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

/** One command every 1/rate s, whatever the answers do; latency from when it was due. */
async function openLoop(writer: DealWriter, rate: number, seconds: number, deals: number, cursor: number) {
  const count = Math.round(rate * seconds);
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const due = (i * 1000) / rate;
    const wait = due - millisecondsSince(started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const deal = (cursor + i) % deals;
    inFlight.push(
      writer.write(deal).then(() => {
        latencies.push(millisecondsSince(started) - due);
      }),
    );
  }
  await Promise.all(inFlight);
  return { result: { seconds: secondsSince(started), latencies }, nextCursor: (cursor + count) % deals };
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
