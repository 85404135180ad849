// One measurement of the scale run in a process of its own (its peak RSS is its own).
// Prints one JSON line. Modes:
//   verify <events file>                       the whole chain verified, as `ledger verify` does it
//   reads <events file> <read-model file> <deals> <count>
//                                              a deal's stream (what a command loads) and its
//                                              current-state row (what GET /deals/:id reads), random deals
import { latencyPercentiles, millisecondsSince, secondsSince } from '../harness/stats.js';

export interface VerifyResult {
  events: number;
  seconds: number;
  peakRssMb: number;
  ok: boolean;
}

export interface ReadsResult {
  stream: { p50: number; p99: number };
  state: { p50: number; p99: number };
}

const [mode, eventsFile, readModelFile, deals, count] = process.argv.slice(2);

async function verify(): Promise<VerifyResult> {
  const { SqliteEventStore, verifyLog } = await import('#event-store');
  const store = await SqliteEventStore.open({ file: eventsFile! });
  const started = process.hrtime.bigint();
  const report = await verifyLog(store, { storage: 'skip' });
  const seconds = secondsSince(started);
  await store.close();
  return { events: report.events, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, ok: report.ok };
}

async function reads(): Promise<ReadsResult> {
  const { SqliteEventStore } = await import('#event-store');
  const { DealStateReader, openReadModelDatabase } = await import('#projections');
  const { dealIdOf } = await import('../deals/deal-facts.js');
  const { seededRandom } = await import('../deals/random.js');
  const { dealStreamName } = await import('#domain');
  const store = await SqliteEventStore.open({ file: eventsFile! });
  const reader = new DealStateReader(openReadModelDatabase(readModelFile!));
  const random = seededRandom(11);
  const stream: number[] = [];
  const state: number[] = [];
  for (let i = 0; i < Number(count); i++) {
    const dealId = dealIdOf(Math.floor(random() * Number(deals)));
    let t = process.hrtime.bigint();
    const events = await store.readStream(dealStreamName(dealId));
    stream.push(millisecondsSince(t));
    t = process.hrtime.bigint();
    const deal = reader.getDeal(dealId);
    state.push(millisecondsSince(t));
    if (events.length === 0 || !deal) throw new Error(`${dealId} is missing from the store or the read models`);
  }
  await store.close();
  return { stream: latencyPercentiles(stream), state: latencyPercentiles(state) };
}

const run = mode === 'verify' ? verify : mode === 'reads' ? reads : undefined;
if (!run || !eventsFile) throw new Error('usage: scale.child.js verify <events file> | reads <events file> <read-model file> <deals> <count>');
console.log(JSON.stringify(await run()));
