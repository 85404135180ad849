import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { recordDealCommand } from '#application';
import { SqliteEventStore } from '#event-store';
import { RawEventsTable, readEventRows, streamsByFirstEvent, type EventRowValues } from '../baselines/raw-events.js';
import { randomFacts } from '../deals/random-facts.js';
import { BENCH_SETTINGS } from '../deals/ledger-setup.js';
import type { BenchContext } from '../harness/context.js';
import type { EmmettConnection } from '../peers/emmett-api.js';
import { copyStreamsIntoEmmett, openEmmettConnection, recordThroughEmmett } from '../peers/emmett-ledger.js';

const WORKLOAD = 'append, one command at a time';
const ACTOR = 'bench:analyst';

type Step = () => Promise<unknown> | unknown;

/**
 * One command at a time over 10,000 registered deals (each with three facts): the ledger's
 * application path (load → decide → append, synchronous=FULL), the same row inserted raw
 * in a transaction of its own, and the same command through Emmett. Each commit waits for
 * an fsync, whose latency on a shared virtual disk swings by 10× within seconds, so the
 * three take turns command by command (in a rotating order) rather than run by run: each
 * sees the same disk.
 */
export async function appendSingle(ctx: BenchContext): Promise<void> {
  const { sizes } = ctx.options;
  ctx.log(`${WORKLOAD}: preparing`);
  const ledgerFile = ctx.scratch.path('single-ledger.sqlite');
  copyFileSync(await ctx.openingStore(), ledgerFile);
  const store = await SqliteEventStore.open({ file: ledgerFile, synchronous: 'FULL' });
  const raw = RawEventsTable.create(ctx.scratch.path('single-raw.sqlite'), ledgerFile);
  raw.insertInBatches(readEventRows(ledgerFile), 5_000);
  const ledgerRows = new Database(ledgerFile, { readonly: true }).prepare('SELECT * FROM events WHERE position > ? ORDER BY position');

  let emmett = ctx.emmett.ok ? ctx.emmett.emmett : undefined;
  let emmettConnection: EmmettConnection | undefined;
  let emmettFailure: string | undefined;
  const dropPeer = (error: unknown) => {
    emmettFailure = `failed: ${(error as Error)?.message ?? String(error)}`;
    emmett = undefined;
  };
  if (emmett) {
    try {
      emmettConnection = await openEmmettConnection(emmett, ctx.scratch.path('single-emmett.sqlite'));
      const seed = await SqliteEventStore.open({ file: ledgerFile });
      await copyStreamsIntoEmmett(emmett, emmettConnection, seed, streamsByFirstEvent(ledgerFile));
      await seed.close();
    } catch (error) {
      dropPeer(error);
    }
  }

  const nextItem = randomFacts(sizes.deals, 8, ACTOR);

  const samples = { ledger: [] as number[], raw: [] as number[], emmett: [] as number[] };
  try {
    for (let run = 0; run < sizes.runs; run++) {
      const seconds = { ledger: 0, raw: 0, emmett: 0 };
      let events = 0;
      for (let i = 0; i < sizes.singleAppendCommands; i++) {
        const item = nextItem();
        let written = { position: 0, count: 0 };
        let rows: EventRowValues[] = [];
        const steps: [keyof typeof seconds, Step][] = [
          [
            'ledger',
            async () => {
              const result = await recordDealCommand(store, item.command, item.context, BENCH_SETTINGS);
              written = { position: result.position, count: result.eventIds.length };
            },
          ],
          ['raw', () => raw.insertOnePerTransaction(rows)],
          ...(emmett && emmettConnection
            ? [['emmett', () => recordThroughEmmett(emmett!, emmettConnection!, item).catch(dropPeer)] as [keyof typeof seconds, Step]]
            : []),
        ];
        // The raw insert needs the ledger's row, so it never goes first; the order rotates.
        const order = i % 2 === 0 ? steps : [steps[0]!, ...steps.slice(1).reverse()];
        for (const [system, step] of order) {
          if (system === 'raw') rows = ledgerRows.all(written.position - written.count) as EventRowValues[];
          const started = process.hrtime.bigint();
          await step();
          seconds[system] += Number(process.hrtime.bigint() - started) / 1e9;
        }
        events += rows.length;
      }
      if (events !== sizes.singleAppendCommands) throw new Error(`expected one event per command, got ${events}`);
      samples.ledger.push(events / seconds.ledger);
      samples.raw.push(events / seconds.raw);
      if (emmett && !emmettFailure) samples.emmett.push(events / seconds.emmett);
      ctx.log(`${WORKLOAD}: run ${run + 1}/${sizes.runs} done`);
    }
  } finally {
    ledgerRows.database.close();
    await store.close();
    raw.close();
    emmettConnection?.close();
  }

  const { report } = ctx;
  const note = `${sizes.singleAppendCommands} commands per run, 1 event each, systems interleaved`;
  report.add({ id: 'append-single.ledger', workload: WORKLOAD, system: 'Deal Ledger', metric: 'events/s', samples: samples.ledger, note });
  report.add({ id: 'append-single.raw', workload: WORKLOAD, system: 'raw better-sqlite3', metric: 'events/s', samples: samples.raw, note: '1 transaction per event' });
  if (emmettFailure) {
    report.gap({ workload: WORKLOAD, system: 'Emmett SQLite', reason: emmettFailure });
  } else if (samples.emmett.length > 0) {
    report.add({ id: 'append-single.emmett', workload: WORKLOAD, system: 'Emmett SQLite', metric: 'events/s', samples: samples.emmett, note: 'same commands, long-lived connection' });
  } else if (!ctx.emmett.ok) {
    report.gap({ workload: WORKLOAD, system: 'Emmett SQLite', reason: ctx.emmett.reason });
  }
  report.ratio('append single: ledger / raw insert', 'append-single.ledger', 'append-single.raw', { op: '>=', threshold: 0.8 });
  report.ratio('append single: ledger / Emmett', 'append-single.ledger', 'append-single.emmett', { op: '>=', threshold: 3 });
}
