import { copyFileSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { SseParser } from '#client';
import { SqliteEventStore } from '#event-store';
import { writeLedgerStore } from '../deals/ledger-setup.js';
import { startChild, type LongRunningChild } from '../harness/child-process.js';
import type { BenchContext } from '../harness/context.js';
import { compiledScript } from '../harness/paths.js';
import { latencyPercentiles, secondsSince } from '../harness/stats.js';

const LATENCY = 'SSE append-to-delivery latency';
const CATCH_UP = 'SSE catch-up read';
const SUBSCRIBERS = [1, 10, 100] as const;
/** The subscribers' credential, given to the server child (every stream needs one). */
const SUBSCRIBER_KEY = 'bench-subscriber-key';

/**
 * Subscriptions (register in run.ts with `if (wants(options, 'subscriptions')) await subscriptions(ctx)`
 * and 'subscriptions' in WORKLOADS):
 * - append-to-delivery latency, p50 and p99, with 1, 10 and 100 SSE subscribers: the
 *   server (and the writer, on the store's side) in a child process, the subscribers here;
 *   each event carries the moment it was appended, each subscriber notes when it arrived;
 * - catch-up: one SSE subscriber reading the whole log from the start, against a plain
 *   readAll of the same store (both decode every event).
 */
export async function subscriptions(ctx: BenchContext): Promise<void> {
  const { sizes, cpuProf } = ctx.options;
  const runs = ctx.options.quick ? 1 : Math.min(3, sizes.runs);
  const script = compiledScript('workloads/subscriptions-server.child.js');
  const perSecond = 200;
  const events = ctx.options.quick ? 400 : 2_000;

  for (const count of SUBSCRIBERS) {
    const p50: number[] = [];
    const p99: number[] = [];
    for (let run = 0; run < runs; run++) {
      const dataDir = ctx.scratch.path(`subscriptions-latency-${count}-${run}`);
      mkdirSync(dataDir, { recursive: true });
      const server = await startChild(script, [dataDir, SUBSCRIBER_KEY], { cpuProf });
      try {
        const { url } = server.ready as { url: string };
        const latencies: number[] = [];
        const streams = await Promise.all(
          Array.from({ length: count }, () =>
            openStream(`${url}/subscriptions/events?from=end&type=NoteRecorded.v1`, (data) => {
              const text = (JSON.parse(data) as { data: { text: string } }).data.text;
              latencies.push(performance.timeOrigin + performance.now() - Number(text.slice('sent '.length)));
            }),
          ),
        );
        await appendThrough(server, events, perSecond);
        while (latencies.length < events * count) await new Promise((resolve) => setTimeout(resolve, 20));
        streams.forEach((close) => close());
        const percentiles = latencyPercentiles(latencies);
        p50.push(percentiles.p50);
        p99.push(percentiles.p99);
      } finally {
        await server.stop();
      }
    }
    const note = `${events} events at ${perSecond}/s, one per append (synchronous=FULL), ${count} subscriber(s) in another process`;
    ctx.report.add({ id: `subscriptions.latency.${count}.p50`, workload: LATENCY, system: 'Deal Ledger', metric: `p50 ms, ${count} subscribers`, samples: p50, note });
    ctx.report.add({ id: `subscriptions.latency.${count}.p99`, workload: LATENCY, system: 'Deal Ledger', metric: `p99 ms, ${count} subscribers`, samples: p99, note });
    ctx.log(`${LATENCY}: ${count} subscriber(s) done`);
  }

  const total = sizes.rebuildEvents[1];
  const dataDir = ctx.scratch.path('subscriptions-catch-up');
  mkdirSync(dataDir, { recursive: true });
  ctx.log(`${CATCH_UP}: writing ${total} events (setup, not measured)`);
  const file = join(dataDir, 'events.sqlite');
  await writeLedgerStore(file, sizes.rebuildDeals, Math.round(total / sizes.rebuildDeals));
  // The direct reads get a copy of their own: the server's process owns the other.
  const copy = ctx.scratch.path('subscriptions-catch-up.sqlite');
  copyFileSync(file, copy);

  const direct: number[] = [];
  const sse: number[] = [];
  const store = await SqliteEventStore.open({ file: copy });
  const head = await store.headPosition();
  const server = await startChild(script, [dataDir, SUBSCRIBER_KEY], { cpuProf });
  try {
    const { url } = server.ready as { url: string };
    for (let run = 0; run < runs; run++) {
      let started = process.hrtime.bigint();
      let read = 0;
      for await (const event of store.readAll()) if (event.position > 0) read += 1;
      direct.push(read / secondsSince(started));

      started = process.hrtime.bigint();
      let received = 0;
      let done: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const close = await openStream(`${url}/subscriptions/events?from=start`, (data) => {
        JSON.parse(data);
        received += 1;
        if (received === head) done();
      });
      await finished;
      sse.push(received / secondsSince(started));
      close();
      ctx.log(`${CATCH_UP}: run ${run + 1}/${runs} done`);
    }
  } finally {
    await server.stop();
    await store.close();
  }
  const note = `${head} events from position 0, every event decoded`;
  ctx.report.add({ id: 'subscriptions.catch-up.sse', workload: CATCH_UP, system: 'Deal Ledger', metric: 'events/s', samples: sse, note: `${note}, one SSE subscriber` });
  ctx.report.add({ id: 'subscriptions.catch-up.store', workload: CATCH_UP, system: 'raw read + parse', metric: 'events/s', samples: direct, note: `${note}, the store's readAll in this process` });
  ctx.report.ratio('subscriptions catch-up: SSE / store readAll', 'subscriptions.catch-up.sse', 'subscriptions.catch-up.store');
}

async function appendThrough(server: LongRunningChild, count: number, perSecond: number): Promise<void> {
  const lines = createInterface({ input: server.process.stdout! });
  server.process.stdin!.write(`append ${count} ${perSecond}\n`);
  await once(lines, 'line');
  lines.close();
}

/** A bare SSE connection that hands each event's data to `onData`; returns its closer once open. */
function openStream(url: string, onData: (data: string) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${SUBSCRIBER_KEY}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`));
      const parser = new SseParser();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.push(chunk).forEach((message) => onData(message.data)));
      res.on('error', () => undefined);
      resolve(() => req.destroy());
    });
    req.on('error', reject);
    req.end();
  });
}
