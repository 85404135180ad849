import { copyFileSync } from 'node:fs';
import { SqliteEventStore } from '#event-store';
import { writeLedgerStore } from '../deals/ledger-setup.js';
import { payloadSizes, streamsByFirstEvent } from '../baselines/raw-events.js';
import { runChild } from '../harness/child-process.js';
import type { BenchContext } from '../harness/context.js';
import { compiledScript } from '../harness/paths.js';
import { copyStreamsIntoEmmett, openEmmettConnection } from '../peers/emmett-ledger.js';
import type { RebuildResult } from './rebuild.child.js';

const WORKLOAD = 'rebuild deal-state projection';

const label = (events: number): string => (events >= 1_000_000 ? `${events / 1_000_000}M` : `${events / 1000}k`);

/**
 * The deal-state projection rebuilt from position 0 over a small and a 10× larger log of
 * the same deals (10,000 in a full run), each rebuild in its own process; the raw read + JSON.parse of the
 * same rows; and, on the small log, Emmett's consumer over the same events.
 */
export async function rebuild(ctx: BenchContext): Promise<void> {
  const { sizes, cpuProf } = ctx.options;
  const script = compiledScript('workloads/rebuild.child.js');
  const logs = new Map<number, string>();
  for (const events of sizes.rebuildEvents) {
    const file = ctx.scratch.path(`rebuild-${label(events)}.sqlite`);
    ctx.log(`${WORKLOAD}: writing ${events} events over ${sizes.rebuildDeals} deals (setup, not measured)`);
    await writeLedgerStore(file, sizes.rebuildDeals, Math.round(events / sizes.rebuildDeals));
    ctx.report.facts[`rebuildLog${label(events)}`] = payloadSizes(file);
    logs.set(events, file);
  }
  const [small] = sizes.rebuildEvents;
  const emmett = ctx.emmett.ok ? ctx.emmett.emmett : undefined;
  let emmettFile: string | undefined;
  let emmettFailure: string | undefined;
  if (emmett) {
    ctx.log(`${WORKLOAD}: copying the ${label(small)} events into Emmett (setup, not measured)`);
    try {
      emmettFile = ctx.scratch.path('rebuild-emmett.sqlite');
      const connection = await openEmmettConnection(emmett, emmettFile);
      const source = await SqliteEventStore.open({ file: logs.get(small)! });
      await copyStreamsIntoEmmett(emmett, connection, source, streamsByFirstEvent(logs.get(small)!));
      await source.close();
      connection.close();
    } catch (error) {
      emmettFailure = `failed: ${(error as Error)?.message ?? String(error)}`;
      emmettFile = undefined;
    }
  }

  const results = new Map<string, RebuildResult[]>();
  const push = (key: string, result: RebuildResult) => results.set(key, [...(results.get(key) ?? []), result]);
  for (let run = 0; run < sizes.runs; run++) {
    for (const [events, file] of logs) {
      push(`ledger.${events}`, await runChild<RebuildResult>(script, ['ledger', file, ctx.scratch.path('read-models.sqlite')], { cpuProf }));
      push(`raw.${events}`, await runChild<RebuildResult>(script, ['raw', file], { cpuProf }));
    }
    if (emmettFile) {
      // Each run on a fresh copy: the projection's rows and checkpoint live in the events file.
      const copy = ctx.scratch.path('rebuild-emmett-run.sqlite');
      copyFileSync(emmettFile, copy);
      try {
        push(`emmett.${small}`, await runChild<RebuildResult>(script, ['emmett', copy], { cpuProf }));
      } catch (error) {
        emmettFailure = `failed: ${(error as Error)?.message.split('\n')[0]}`;
        emmettFile = undefined;
      }
    }
    ctx.log(`${WORKLOAD}: run ${run + 1}/${sizes.runs} done`);
  }

  const { report } = ctx;
  const rate = (r: RebuildResult) => r.events / r.seconds;
  for (const events of sizes.rebuildEvents) {
    const workload = `${WORKLOAD}, ${label(events)} events over ${sizes.rebuildDeals} deals`;
    const ledger = results.get(`ledger.${events}`)!;
    const raw = results.get(`raw.${events}`)!;
    const id = `rebuild.${label(events)}`;
    report.add({ id: `${id}.ledger`, workload, system: 'Deal Ledger', metric: 'events/s', samples: ledger.map(rate), note: 'ProjectionRunner + dealStateProjection, fresh read-model file' });
    report.add({ id: `${id}.ledger.seconds`, workload, system: 'Deal Ledger', metric: 'seconds', samples: ledger.map((r) => r.seconds) });
    report.add({ id: `${id}.ledger.rss`, workload, system: 'Deal Ledger', metric: 'peak RSS MB', samples: ledger.map((r) => r.peakRssMb) });
    report.add({ id: `${id}.raw`, workload, system: 'raw read + parse', metric: 'events/s', samples: raw.map(rate), note: 'SELECT * in position order, JSON.parse data and metadata' });
    report.add({ id: `${id}.raw.rss`, workload, system: 'raw read + parse', metric: 'peak RSS MB', samples: raw.map((r) => r.peakRssMb) });
    report.ratio(`rebuild ${label(events)}: ledger / raw read + parse`, `${id}.ledger`, `${id}.raw`, { op: '>=', threshold: 0.5 });
  }
  const smallId = `rebuild.${label(small)}`;
  const emmettResults = results.get(`emmett.${small}`);
  if (emmettFailure) {
    report.gap({ workload: WORKLOAD, system: 'Emmett SQLite', reason: emmettFailure });
  } else if (emmettResults) {
    const workload = `${WORKLOAD}, ${label(small)} events over ${sizes.rebuildDeals} deals`;
    report.add({ id: `${smallId}.emmett`, workload, system: 'Emmett SQLite', metric: 'events/s', samples: emmettResults.map(rate), note: 'consumer + projection processor, batches of 1,000; log grouped by deal' });
    report.add({ id: `${smallId}.emmett.rss`, workload, system: 'Emmett SQLite', metric: 'peak RSS MB', samples: emmettResults.map((r) => r.peakRssMb) });
    report.ratio(`rebuild ${label(small)}: ledger / Emmett`, `${smallId}.ledger`, `${smallId}.emmett`, { op: '>=', threshold: 2 });
  } else if (!ctx.emmett.ok) {
    report.gap({ workload: WORKLOAD, system: 'Emmett SQLite', reason: ctx.emmett.reason });
  }
  const largeId = `rebuild.${label(sizes.rebuildEvents[1])}`;
  report.ratio(`rebuild time ${label(sizes.rebuildEvents[1])} / ${label(small)} (linear: 10×)`, `${largeId}.ledger.seconds`, `${smallId}.ledger.seconds`, { op: '<=', threshold: 12 });
  report.ratio(`rebuild peak RSS ${label(sizes.rebuildEvents[1])} / ${label(small)}`, `${largeId}.ledger.rss`, `${smallId}.ledger.rss`, { op: '<=', threshold: 1.2 });
}
