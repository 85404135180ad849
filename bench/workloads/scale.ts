import { randomUUID } from 'node:crypto';
import { copyFileSync, statSync } from 'node:fs';
import { SqliteEventStore, type JsonObject, type RecordedEvent, type StreamAppend } from '#event-store';
import { dealIdOf } from '../deals/deal-facts.js';
import { writeLedgerStore } from '../deals/ledger-setup.js';
import { runChild } from '../harness/child-process.js';
import type { BenchContext } from '../harness/context.js';
import { compiledScript } from '../harness/paths.js';
import { secondsSince } from '../harness/stats.js';
import type { RebuildResult } from './rebuild.child.js';
import type { ReadsResult, VerifyResult } from './scale.child.js';

const WORKLOAD = 'scale';
/** Every deal gets as many events at every size: what grows is the number of deals, as in a ledger that lives long. */
const EVENTS_PER_DEAL = 100;
const READS = 2_000;

const label = (events: number): string => (events >= 1_000_000 ? `${events / 1_000_000}M` : `${events / 1000}k`);

interface SizeResult {
  events: number;
  setupSeconds: number;
  rebuild: RebuildResult;
  raw: RebuildResult;
  verify: VerifyResult;
  reads: ReadsResult;
  eventsFileMb: number;
  readModelFileMb: number;
}

/**
 * `npm run bench -- --scale`: the same ledger at a small and a 10× larger size (1M and
 * 10M events in a full run), once each (a 10M store takes long to write). The small store
 * is written through the application's bulk path; the large one holds it and nine copies
 * of its deals under other ids, appended through the store (each event chained, hashed
 * and timed as any append: the command path's cost is not what this run measures). The deal-state
 * rebuild and its peak RSS, the raw read + parse of the same rows, `verify` over the whole
 * log, a deal's stream and current-state row read at random, and the files' sizes. Costs
 * that grow linearly give 10× the time and the same memory and latencies.
 */
export async function scale(ctx: BenchContext): Promise<void> {
  const { sizes } = ctx.options;
  const results: SizeResult[] = [];
  const [smallEvents] = sizes.scaleEvents;
  const small = ctx.scratch.path(`scale-${label(smallEvents)}-source.sqlite`);
  for (const events of sizes.scaleEvents) {
    const file = ctx.scratch.path(`scale-${label(events)}.sqlite`);
    const readModels = ctx.scratch.path(`scale-${label(events)}-read-models.sqlite`);
    try {
      results.push(await measureSize(ctx, events, small, file, readModels));
    } catch (error) {
      // What was measured before stays in the report: a failure here is a gap, not the end of the run.
      ctx.report.gap({ workload: `${WORKLOAD}: ${label(events)} events`, system: 'Deal Ledger', reason: (error as Error)?.message ?? String(error) });
      break;
    } finally {
      ctx.scratch.removePath(file);
      ctx.scratch.removePath(readModels);
    }
  }
  ctx.scratch.removePath(small);
  reportScale(ctx, results);
}

async function measureSize(ctx: BenchContext, events: number, small: string, file: string, readModels: string): Promise<SizeResult> {
  const { sizes, cpuProf } = ctx.options;
  const [smallEvents] = sizes.scaleEvents;
  const deals = events / EVENTS_PER_DEAL;
  ctx.log(`${WORKLOAD}: writing ${events} events over ${deals} deals (setup, timed but not a figure)`);
  const started = process.hrtime.bigint();
  if (events === smallEvents) await writeLedgerStore(small, deals, EVENTS_PER_DEAL);
  copyFileSync(small, file);
  await appendCopies(small, file, smallEvents / EVENTS_PER_DEAL, events / smallEvents - 1);
  const setupSeconds = secondsSince(started);
  ctx.log(`${WORKLOAD} ${label(events)}: rebuild`);
  const rebuild = await runChild<RebuildResult>(compiledScript('workloads/rebuild.child.js'), ['ledger', file, readModels], { cpuProf });
  const raw = await runChild<RebuildResult>(compiledScript('workloads/rebuild.child.js'), ['raw', file]);
  ctx.log(`${WORKLOAD} ${label(events)}: verify`);
  const verify = await runChild<VerifyResult>(compiledScript('workloads/scale.child.js'), ['verify', file], { cpuProf });
  if (!verify.ok) throw new Error(`verify found a problem in the ${label(events)} store`);
  const reads = await runChild<ReadsResult>(compiledScript('workloads/scale.child.js'), ['reads', file, readModels, String(deals), String(READS)]);
  return { events, setupSeconds, rebuild, raw, verify, reads, eventsFileMb: megabytes(file), readModelFileMb: megabytes(readModels) };
}

/** Events appended per write while copying: large transactions, as a bulk import makes. */
const COPY_BATCH = 5_000;

/**
 * Appends `copies` copies of every event of `source` to `target`, copy c renaming deal n to
 * deal n + c × `deals` (in the data and metadata too) under fresh event ids, in log order.
 */
async function appendCopies(source: string, target: string, deals: number, copies: number): Promise<void> {
  if (copies === 0) return;
  const from = await SqliteEventStore.open({ file: source });
  const to = await SqliteEventStore.open({ file: target, synchronous: 'NORMAL', walAutocheckpoint: 20_000 });
  try {
    for (let copy = 1; copy <= copies; copy++) {
      const rename = (text: string) => text.replace(/deal-(\d{5})/g, (_, n: string) => dealIdOf(Number(n) + copy * deals));
      let batch: RecordedEvent[] = [];
      for await (const event of from.readAll()) {
        batch.push(event);
        if (batch.length < COPY_BATCH) continue;
        await to.appendMany(appendsOf(batch, rename));
        batch = [];
      }
      if (batch.length > 0) await to.appendMany(appendsOf(batch, rename));
    }
  } finally {
    await from.close();
    await to.close();
  }
}

/** One append per stream of the batch, at the revision its first event had in the source. */
function appendsOf(batch: RecordedEvent[], rename: (text: string) => string): StreamAppend[] {
  const byStream = new Map<string, StreamAppend>();
  for (const event of batch) {
    const streamId = rename(event.streamId);
    let append = byStream.get(streamId);
    if (!append) {
      append = { streamId, events: [], expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1 };
      byStream.set(streamId, append);
    }
    append.events.push({
      eventId: randomUUID(),
      type: event.type,
      data: JSON.parse(rename(JSON.stringify(event.data))) as JsonObject,
      metadata: JSON.parse(rename(JSON.stringify(event.metadata))) as RecordedEvent['metadata'],
    });
  }
  return [...byStream.values()];
}

function reportScale(ctx: BenchContext, results: SizeResult[]): void {
  const { report } = ctx;
  for (const r of results) {
    const workload = `${WORKLOAD}: ${label(r.events)} events over ${r.events / EVENTS_PER_DEAL} deals`;
    const id = `scale.${label(r.events)}`;
    const one = (name: string, system: 'Deal Ledger' | 'raw read + parse', metric: string, value: number, note?: string) =>
      report.add({ id: `${id}.${name}`, workload, system, metric, samples: [value], ...(note ? { note } : {}) });
    one('rebuild.seconds', 'Deal Ledger', 'rebuild s', r.rebuild.seconds, 'deal-state from position 0, one run');
    one('rebuild.rate', 'Deal Ledger', 'rebuild events/s', r.rebuild.events / r.rebuild.seconds);
    one('rebuild.rss', 'Deal Ledger', 'rebuild peak RSS MB', r.rebuild.peakRssMb);
    one('raw.rate', 'raw read + parse', 'events/s', r.raw.events / r.raw.seconds);
    one('verify.seconds', 'Deal Ledger', 'verify s', r.verify.seconds, 'every chain link and the log root, as ledger verify');
    one('verify.rss', 'Deal Ledger', 'verify peak RSS MB', r.verify.peakRssMb);
    one('stream.p50', 'Deal Ledger', 'read a deal stream p50 ms', r.reads.stream.p50, `${READS} random deals, ${EVENTS_PER_DEAL} events each`);
    one('stream.p99', 'Deal Ledger', 'read a deal stream p99 ms', r.reads.stream.p99);
    one('state.p50', 'Deal Ledger', 'read a deal state p50 ms', r.reads.state.p50, 'DealStateReader.getDeal');
    one('state.p99', 'Deal Ledger', 'read a deal state p99 ms', r.reads.state.p99);
    one('events.mb', 'Deal Ledger', 'events file MB', r.eventsFileMb);
    one('read-models.mb', 'Deal Ledger', 'read-model file MB', r.readModelFileMb);
    report.facts[`scaleSetupSeconds${label(r.events)}`] = Math.round(r.setupSeconds);
  }
  const [small, large] = results.map((r) => `scale.${label(r.events)}`);
  if (!small || !large) return;
  const factor = `${results[1]!.events / results[0]!.events}×`;
  report.ratio(`scale: rebuild time, large / small (linear: ${factor})`, `${large}.rebuild.seconds`, `${small}.rebuild.seconds`);
  report.ratio(`scale: verify time, large / small (linear: ${factor})`, `${large}.verify.seconds`, `${small}.verify.seconds`);
  report.ratio('scale: rebuild peak RSS, large / small (flat: 1×)', `${large}.rebuild.rss`, `${small}.rebuild.rss`, { op: '<=', threshold: 1.2 });
  report.ratio('scale: verify peak RSS, large / small (flat: 1×)', `${large}.verify.rss`, `${small}.verify.rss`);
  report.ratio('scale: deal stream read p50, large / small (flat: 1×)', `${large}.stream.p50`, `${small}.stream.p50`);
  report.ratio('scale: deal state read p50, large / small (flat: 1×)', `${large}.state.p50`, `${small}.state.p50`);
  report.ratio(`scale: events file size, large / small (linear: ${factor})`, `${large}.events.mb`, `${small}.events.mb`);
  report.ratio(`scale: rebuild / raw read + parse, large`, `${large}.rebuild.rate`, `${large}.raw.rate`, { op: '>=', threshold: 0.5 });
}

const megabytes = (file: string): number => statSync(file).size / 2 ** 20;
