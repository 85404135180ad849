// `npm run bench [-- --quick] [-- --only append-single,rebuild] [-- --scale] [-- --cpu-prof]`
// Prints the figures and how they compare with the baselines and targets, and writes
// bench/results/<date>.json. Reports; never asserts.
import 'reflect-metadata';
import { OPENING_FACTS } from './deals/deal-facts.js';
import { writeLedgerStore } from './deals/ledger-setup.js';
import { payloadSizes } from './baselines/raw-events.js';
import type { BenchContext } from './harness/context.js';
import { describeMachine } from './harness/machine.js';
import { parseOptions, USAGE, wants } from './harness/options.js';
import { Report } from './harness/report.js';
import { writeResults } from './harness/results-file.js';
import { secondsSince } from './harness/stats.js';
import { renderReport } from './harness/table.js';
import { ScratchSpace } from './harness/temp-dir.js';
import { loadavg } from 'node:os';
import { installEmmett, loadEmmett } from './peers/emmett-install.js';
import { appendBulk } from './workloads/append-bulk.js';
import { appendSingle } from './workloads/append-single.js';
import { httpWorkloads } from './workloads/http.js';
import { proofs } from './workloads/proofs.js';
import { rebuild } from './workloads/rebuild.js';
import { scale } from './workloads/scale.js';
import { subscriptions } from './workloads/subscriptions.bench.js';

if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const options = parseOptions(process.argv.slice(2));
const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const machine = describeMachine();
const date = new Date().toISOString();
log(`${options.quick ? 'quick' : 'full'} run on ${machine.cores} cores, Node ${machine.node}, ${machine.sqlite}`);

const peerInstall = options.peer ? installEmmett(log) : { ok: false as const, reason: 'left out (--no-peer)' };
const emmett = peerInstall.ok ? await loadEmmett() : peerInstall;
if (!emmett.ok) log(`Emmett peer unavailable, its rows are skipped: ${emmett.reason}`);

const scratch = new ScratchSpace();
let openingStore: Promise<string> | undefined;
const report = new Report();
const ctx: BenchContext = {
  options,
  report,
  scratch,
  emmett,
  log,
  openingStore() {
    openingStore ??= (async () => {
      const file = scratch.path('opening.sqlite');
      log(`writing ${options.sizes.deals} deals with ${OPENING_FACTS} facts each (setup, not measured)`);
      await writeLedgerStore(file, options.sizes.deals, OPENING_FACTS);
      report.facts.openingStore = payloadSizes(file);
      return file;
    })();
    return openingStore;
  },
};

// Other work on a shared machine shows up here: the load before and after the run.
report.facts.loadAverageBefore = loadavg().map((l) => Number(l.toFixed(2)));
const started = process.hrtime.bigint();
try {
  if (wants(options, 'append-single')) await appendSingle(ctx);
  if (wants(options, 'append-bulk')) await appendBulk(ctx);
  if (wants(options, 'http') || wants(options, 'read')) await httpWorkloads(ctx);
  if (wants(options, 'rebuild')) await rebuild(ctx);
  if (wants(options, 'proofs')) await proofs(ctx);
  if (wants(options, 'subscriptions')) await subscriptions(ctx);
  if (wants(options, 'scale')) await scale(ctx);
} finally {
  scratch.remove();
}
const seconds = secondsSince(started);
report.facts.loadAverageAfter = loadavg().map((l) => Number(l.toFixed(2)));

console.log(`\nDeal Ledger bench (${options.quick ? 'quick' : 'full'}), ${date.slice(0, 10)}: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.sqlite}`);
console.log(`median of ${options.sizes.runs} runs, with min and max; ratios are of medians measured in this run; load average ${report.facts.loadAverageBefore} before, ${report.facts.loadAverageAfter} after\n`);
console.log(renderReport(report));
console.log('');
for (const [name, value] of Object.entries(report.facts)) console.log(`- ${name}: ${JSON.stringify(value)}`);
const file = writeResults({
  date,
  mode: options.quick ? 'quick' : 'full',
  only: [...options.only].sort(),
  seconds,
  machine,
  sizes: options.sizes,
  figures: report.figures,
  comparisons: report.comparisons,
  gaps: report.gaps,
  facts: report.facts,
});
console.log(`\n${seconds.toFixed(0)} s; written to ${file}`);
