import { pacedRawCommits } from '../baselines/raw-commits.js';
import type { BenchSizes } from '../harness/options.js';
import { measuringCpuOf } from '../harness/machine.js';
import type { Report } from '../harness/report.js';
import { millisecondsSince, quantile, secondsSince } from '../harness/stats.js';
import type { DealWriter } from './deal-writer.js';

const PACED = 'command over HTTP, paced';

/** Every latency of the paced run, pooled over its chunks, and each chunk's own figures. */
export interface PacedRun {
  ledger: number[];
  raw: number[];
  chunks: { throughput: number; ledgerP99: number; rawP99: number; serverCpuMsPerCommand: number | undefined }[];
}

/**
 * One command every 1/rate s, `sizes.pacedCommands` in all, whatever the answers do: an
 * open loop, latency counted from when each command was due, so a stall is not hidden by
 * the client waiting. In chunks, taking turns with bare durable commits at the same rate
 * (the disk's own p99 at that moment): both see the same disk. The server's CPU time per
 * command is read from /proc around each chunk.
 */
export async function pacedRun(writer: DealWriter, serverPid: number, sizes: BenchSizes, commitsFile: string, log: (line: string) => void): Promise<PacedRun> {
  const run: PacedRun = { ledger: [], raw: [], chunks: [] };
  const chunks = Math.ceil(sizes.pacedCommands / sizes.pacedChunk);
  let deal = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    const commands = Math.min(sizes.pacedChunk, sizes.pacedCommands - chunk * sizes.pacedChunk);
    const { result: ledger, cpuMs } = await measuringCpuOf(serverPid, () => openLoop(writer, sizes.pacedRate, commands, sizes.deals, deal));
    deal = (deal + commands) % sizes.deals;
    const raw = await pacedRawCommits(commitsFile, sizes.pacedRate, commands / sizes.pacedRate, 'x'.repeat(600));
    run.ledger.push(...ledger.latencies);
    run.raw.push(...raw);
    run.chunks.push({
      throughput: commands / ledger.seconds,
      ledgerP99: p(ledger.latencies, 0.99),
      rawP99: p(raw, 0.99),
      serverCpuMsPerCommand: cpuMs === undefined ? undefined : cpuMs / commands,
    });
    log(`HTTP paced: chunk ${chunk + 1}/${chunks} done`);
  }
  return run;
}

async function openLoop(writer: DealWriter, rate: number, count: number, deals: number, firstDeal: number) {
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const due = (i * 1000) / rate;
    const wait = due - millisecondsSince(started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Consecutive deals: a deal comes round again only after `deals` commands, long answered.
    inFlight.push(writer.write((firstDeal + i) % deals).then(() => void latencies.push(millisecondsSince(started) - due)));
  }
  await Promise.all(inFlight);
  return { seconds: secondsSince(started), latencies };
}

const p = (values: readonly number[], q: number): number => quantile([...values].sort((a, b) => a - b), q);

export function reportPaced(report: Report, sizes: BenchSizes, run: PacedRun): void {
  const workload = `${PACED} at ${sizes.pacedRate}/s`;
  const total = run.ledger.length;
  const chunkNote = `${total} commands in ${run.chunks.length} chunks of ${sizes.pacedChunk}, taking turns with the raw commits; median, min and max over chunks`;
  const answered = report.add({ id: 'http-paced.throughput', workload, system: 'Deal Ledger', metric: 'commands/s', samples: run.chunks.map((c) => c.throughput), note: chunkNote });
  if (answered.spread.median < 0.95 * sizes.pacedRate) {
    report.facts.pacedRunSaturated =
      `the server answered ${Math.round(answered.spread.median)} of the ${sizes.pacedRate} commands/s offered: ` +
      'it was saturated, so the paced latencies grow with the length of the run';
  }
  report.add({ id: 'http-paced.chunk.p99', workload, system: 'Deal Ledger', metric: 'p99 ms of a chunk', samples: run.chunks.map((c) => c.ledgerP99) });
  const pooled = `all ${total} commands pooled, latency from the scheduled send`;
  report.add({ id: 'http-paced.p50', workload, system: 'Deal Ledger', metric: 'p50 ms', samples: [p(run.ledger, 0.5)], note: pooled });
  const p99 = report.add({ id: 'http-paced.p99', workload, system: 'Deal Ledger', metric: 'p99 ms', samples: [p(run.ledger, 0.99)], note: pooled });
  report.add({ id: 'http-paced.p999', workload, system: 'Deal Ledger', metric: 'p99.9 ms', samples: [p(run.ledger, 0.999)], note: pooled });
  const cpu = run.chunks.flatMap((c) => (c.serverCpuMsPerCommand === undefined ? [] : [c.serverCpuMsPerCommand]));
  if (cpu.length > 0) {
    report.add({ id: 'http-paced.server-cpu', workload, system: 'Deal Ledger', metric: 'server CPU ms/command', samples: cpu, note: 'user + system time of the server process (/proc), per chunk' });
  }
  const rawNote = `one single-row transaction per command, WAL, synchronous=FULL; all ${run.raw.length} pooled`;
  report.add({ id: 'http-paced.raw.p50', workload, system: 'raw better-sqlite3', metric: 'commit p50 ms', samples: [p(run.raw, 0.5)], note: rawNote });
  report.add({ id: 'http-paced.raw.p99', workload, system: 'raw better-sqlite3', metric: 'commit p99 ms', samples: [p(run.raw, 0.99)] });
  report.add({ id: 'http-paced.raw.p999', workload, system: 'raw better-sqlite3', metric: 'commit p99.9 ms', samples: [p(run.raw, 0.999)] });
  report.add({ id: 'http-paced.raw.chunk.p99', workload, system: 'raw better-sqlite3', metric: 'commit p99 ms of a chunk', samples: run.chunks.map((c) => c.rawP99) });
  report.ratio(`paced ${sizes.pacedRate}/s: command p99 / durable commit p99`, 'http-paced.p99', 'http-paced.raw.p99');
  report.ratio(`paced ${sizes.pacedRate}/s: command p99.9 / durable commit p99.9`, 'http-paced.p999', 'http-paced.raw.p999');
  report.compare({
    label: `command over HTTP: p99 at ${sizes.pacedRate} commands/s over ${total} commands`,
    value: p99.spread.median,
    unit: 'ms',
    target: { op: '<', threshold: 10 },
    basis: `p99 of all ${total} commands`,
  });
}
