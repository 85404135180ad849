// One rebuild (or its baseline) in a process of its own, so that its peak RSS is its own.
// Prints {"events", "seconds", "peakRssMb"}.
// Each mode imports only what it runs, so that a peak RSS holds no other mode's modules.

export interface RebuildResult {
  events: number;
  seconds: number;
  peakRssMb: number;
}

const [mode, eventsFile, readModelFile] = process.argv.slice(2);

/** The ledger: ProjectionRunner + dealStateProjection from position 0 into a fresh read-model file. */
async function ledger(): Promise<{ events: number; seconds: number }> {
  const { SqliteEventStore } = await import('#event-store');
  const { ProjectionRunner, dealStateProjection, openReadModelDatabase } = await import('#projections');
  const store = await SqliteEventStore.open({ file: eventsFile! });
  const db = openReadModelDatabase(readModelFile!);
  const runner = new ProjectionRunner(store, db, [dealStateProjection]);
  const head = await store.headPosition();
  const started = process.hrtime.bigint();
  runner.start();
  const caughtUp = await runner.catchUp();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await runner.stop();
  const deals = db.prepare('SELECT count(*) FROM deal_state_deals').pluck().get();
  db.close();
  await store.close();
  if (!caughtUp || runner.state === 'faulted') throw new Error(`the rebuild did not finish: ${String(runner.lastError)}`);
  if (!deals) throw new Error('the rebuild wrote no deal');
  return { events: head, seconds };
}

/** The limit: every row read in position order and its two JSON columns parsed, nothing else. */
async function raw(): Promise<{ events: number; seconds: number }> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(eventsFile!, { readonly: true });
  const started = process.hrtime.bigint();
  let events = 0;
  let check = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as Iterable<{ data: string; metadata: string }>) {
    const data = JSON.parse(row.data) as object;
    const metadata = JSON.parse(row.metadata) as object;
    // Touch the results so that the parse cannot be optimised away.
    if (data && metadata) check++;
    events++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  if (check !== events) throw new Error('parse check failed');
  return { events, seconds };
}

/**
 * Emmett: its consumer with a projection processor from the beginning, stopping after
 * the last event. Pulling tuned in its favour: batches of 1,000 (default 100) and no pause
 * between full batches (default 50 ms).
 */
async function emmett(): Promise<{ events: number; seconds: number }> {
  const { loadEmmett } = await import('../peers/emmett-install.js');
  const { openEmmettConnection } = await import('../peers/emmett-ledger.js');
  const { createEmmettDealStateProjection, createEmmettDealStateTables } = await import('../peers/emmett-deal-state.js');
  const loaded = await loadEmmett();
  if (!loaded.ok) throw new Error(loaded.reason);
  const { emmett } = loaded;
  const setup = await openEmmettConnection(emmett, eventsFile!);
  await createEmmettDealStateTables(setup);
  const last = BigInt((await setup.querySingle<{ n: number }>('SELECT max(global_position) AS n FROM emt_messages'))?.n ?? 0);
  setup.close();

  const consumer = emmett
    .getSQLiteEventStore({ fileName: eventsFile!, schema: { autoMigration: 'None' } })
    .consumer({ pulling: { batchSize: 1000, pullingFrequencyInMs: 0 } });
  const projection = createEmmettDealStateProjection();
  consumer.processor({
    processorId: 'deal-state',
    projection,
    startFrom: 'BEGINNING',
    stopAfter: (message) => message.metadata.globalPosition >= last,
  });
  const started = process.hrtime.bigint();
  await consumer.start();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await consumer.close();

  // Checked by counting, not on Emmett's checkpoint: in 0.38.5 each batch starts its
  // checkpoint compare-and-set from null (genericSQLiteProcessor.handle), so after the
  // first batch of a run the stored checkpoint no longer moves, though every event is
  // applied; and a failing batch is logged and skipped, not thrown.
  if (BigInt(projection.applied()) !== last) throw new Error(`Emmett's projection applied ${projection.applied()} of ${last} events`);
  return { events: Number(last), seconds };
}

const run = mode === 'ledger' ? ledger : mode === 'raw' ? raw : mode === 'emmett' ? emmett : undefined;
if (!run || !eventsFile) throw new Error('usage: rebuild.child.js ledger|raw|emmett <events file> [read-model file]');
const { events, seconds } = await run();
const result: RebuildResult = { events, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
console.log(JSON.stringify(result));
