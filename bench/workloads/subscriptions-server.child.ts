// The ledger's HTTP server alone in its process (as http-server.child.ts), plus the writer
// the latency workload needs on the same side as the store: on `append <count> <per second>`
// from stdin it appends that many one-event commands, paced, each carrying the moment it was
// appended (performance.timeOrigin + now(): comparable across processes on one machine),
// and prints {"appended"} when done. Prints {"url"} once listening and caught up.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { ApiKeyRegistry, loadConfig, openLedgerRuntime, parseApiKeysSetting } from '#runtime';
import { createHttpApp } from '../../apps/api/src/index.js';
import { toStoredEvent, type DealEvent } from '#domain';
import { closeWhenStdinEnds, listenOnLoopback } from './server-child.js';

const [dataDir, subscriberKey] = process.argv.slice(2);
if (!dataDir || !subscriberKey) throw new Error('usage: subscriptions-server.child.js <data dir> <subscriber key>');

const config = loadConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_STORE: 'sqlite', LEDGER_SQLITE_SYNCHRONOUS: 'FULL', LEDGER_SEED: 'none' });
const runtime = await openLedgerRuntime(config);
// Setup, not measured: the read models catch up first, so they do not compete with the streams.
await runtime.runner.catchUp();
// Every stream needs a credential: the subscribers share one subscriber key. That one
// identity opens up to 100 streams and reconnects freely, so neither its stream bound nor
// its rate limit may get in the way of what is measured.
const app = await createHttpApp(
  {
    runtime,
    apiKeys: new ApiKeyRegistry(parseApiKeysSetting(`bench-subscriber:subscriber:${subscriberKey}`), runtime.keyEvents.trust),
    rateLimit: { limit: 1_000_000_000, windowMs: 60_000 },
    subscriptions: { maxStreamsPerIdentity: 1_000 },
  },
  false,
);
const url = await listenOnLoopback(app);

const metadata = () => {
  const id = randomUUID();
  return { actor: 'bench:latency', commandId: id, correlationId: id, causationId: id };
};
const source = { publisher: 'Bench', tier: 'primary' as const };
const newEvent = (event: DealEvent) => ({ eventId: randomUUID(), ...toStoredEvent(event), metadata: metadata() });
let streamRevision: number | 'no_stream' = 'no_stream';
let notes = 0;

async function append(count: number, perSecond: number): Promise<void> {
  if (streamRevision === 'no_stream') {
    const registered: DealEvent = {
      type: 'DealRegistered.v2',
      data: { dealId: 'bench-latency', title: 'Latency', parties: [{ partyId: 'p', name: 'P', kind: 'company', roles: ['target'] }], commodities: [], source, reportedAt: '2025-01-01' },
    };
    streamRevision = (await runtime.store.append('deal-bench-latency', [newEvent(registered)], 'no_stream')).nextExpectedRevision;
  }
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    notes += 1;
    const sentAt = performance.timeOrigin + performance.now();
    const note: DealEvent = { type: 'NoteRecorded.v1', data: { noteId: `n${notes}`, text: `sent ${sentAt}`, source, reportedAt: '2025-01-02' } };
    streamRevision = (await runtime.store.append('deal-bench-latency', [newEvent(note)], streamRevision)).nextExpectedRevision;
  }
  console.log(JSON.stringify({ appended: count }));
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, count, perSecond] = line.trim().split(' ');
  if (command === 'append') void append(Number(count), Number(perSecond));
});
closeWhenStdinEnds(app, runtime);
console.log(JSON.stringify({ url, pid: process.pid }));
