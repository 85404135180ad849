import { SqliteEventStore } from '#event-store';
import { importFile } from '../../apps/cli/src/import/import-file.js';
import { factLine } from '../deals/deal-facts.js';
import { writeFactFile } from '../deals/fact-file.js';
import { RawEventsTable, readEventRows } from '../baselines/raw-events.js';
import { seededRandom, shuffled } from '../deals/random.js';
import { BENCH_RECEIVED_AT, BENCH_SETTINGS } from '../deals/ledger-setup.js';
import type { BenchContext } from '../harness/context.js';
import { secondsSince } from '../harness/stats.js';
import { importThroughEmmett, openEmmettConnection } from '../peers/emmett-ledger.js';

const WORKLOAD = 'append, bulk import';
const ACTOR = 'bench:import';

/** Round after round, one fact per deal, deals in a new random order each round. */
function* importLines(deals: number, factsPerDeal: number) {
  const random = seededRandom(42);
  const all = Array.from({ length: deals }, (_, i) => i);
  for (let k = 0; k < factsPerDeal; k++) for (const deal of shuffled(all, random)) yield factLine(deal, k);
}

/**
 * `ledger import` of one file into an empty store (synchronous=FULL, batches of 500),
 * the same rows inserted raw in transactions of the same size, and the same file through
 * Emmett. Every run starts from empty files.
 */
export async function appendBulk(ctx: BenchContext): Promise<void> {
  const { sizes } = ctx.options;
  const file = ctx.scratch.path('import.jsonl');
  const commands = await writeFactFile(file, importLines(sizes.bulkDeals, sizes.bulkCommandsPerDeal));
  ctx.log(`${WORKLOAD}: ${commands} commands over ${sizes.bulkDeals} deals`);
  let emmett = ctx.emmett.ok ? ctx.emmett.emmett : undefined;
  let emmettFailure: string | undefined;

  const ledgerRates: number[] = [];
  const rawRates: number[] = [];
  const emmettRates: number[] = [];
  for (let run = 0; run < sizes.runs; run++) {
    const ledgerFile = ctx.scratch.path('bulk-ledger.sqlite');
    const store = await SqliteEventStore.open({ file: ledgerFile, synchronous: 'FULL' });
    let started = process.hrtime.bigint();
    const summary = await importFile(store, file, {
      actor: ACTOR,
      batchSize: sizes.bulkBatchSize,
      effectiveWindow: BENCH_SETTINGS.effectiveWindow,
      clock: () => new Date(BENCH_RECEIVED_AT),
    });
    ledgerRates.push(summary.events / secondsSince(started));
    await store.close();
    if (summary.failed > 0) throw new Error(`the import refused ${summary.failed} lines: ${JSON.stringify(summary.errors.slice(0, 3))}`);

    const rows = readEventRows(ledgerFile);
    const raw = RawEventsTable.create(ctx.scratch.path('bulk-raw.sqlite'), ledgerFile);
    started = process.hrtime.bigint();
    raw.insertInBatches(rows, sizes.bulkBatchSize);
    rawRates.push(rows.length / secondsSince(started));
    raw.close();

    if (emmett) {
      try {
        const connection = await openEmmettConnection(emmett, ctx.scratch.path('bulk-emmett.sqlite'));
        started = process.hrtime.bigint();
        const result = await importThroughEmmett(emmett, connection, file, sizes.bulkBatchSize, ACTOR);
        emmettRates.push(result.events / secondsSince(started));
        connection.close();
        if (result.failed > 0 || result.events !== summary.events) {
          throw new Error(`Emmett recorded ${result.events} events (${result.failed} failed), the ledger ${summary.events}`);
        }
      } catch (error) {
        emmettFailure = `failed: ${(error as Error)?.message ?? String(error)}`;
        emmett = undefined;
      }
    }
    ctx.log(`${WORKLOAD}: run ${run + 1}/${sizes.runs} done`);
  }

  const { report } = ctx;
  const batch = `${sizes.bulkBatchSize} commands per transaction`;
  report.add({ id: 'append-bulk.ledger', workload: WORKLOAD, system: 'Deal Ledger', metric: 'events/s', samples: ledgerRates, note: `${commands} commands over ${sizes.bulkDeals} deals, ${batch}` });
  report.add({ id: 'append-bulk.raw', workload: WORKLOAD, system: 'raw better-sqlite3', metric: 'events/s', samples: rawRates, note: `${sizes.bulkBatchSize} rows per transaction` });
  if (emmettRates.length > 0) {
    report.add({ id: 'append-bulk.emmett', workload: WORKLOAD, system: 'Emmett SQLite', metric: 'events/s', samples: emmettRates, note: `same file, ${batch}` });
  } else if (!ctx.emmett.ok) {
    report.gap({ workload: WORKLOAD, system: 'Emmett SQLite', reason: ctx.emmett.reason });
  }
  report.ratio('append bulk: ledger / raw insert', 'append-bulk.ledger', 'append-bulk.raw', { op: '>=', threshold: 0.5 });
  report.ratio('append bulk: ledger / Emmett', 'append-bulk.ledger', 'append-bulk.emmett', { op: '>=', threshold: 2 });
}
