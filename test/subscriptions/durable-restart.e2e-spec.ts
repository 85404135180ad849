import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { LedgerClient, type LedgerEvent } from '#client';
import { SqliteEventStore } from '#event-store';
import { startServe } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { tempDataDir } from '../support/test-ledger.js';
import { appendLoad } from './support/load.js';
import { until } from './support/raw-sse.js';

const KEY = 'restart-test-key';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * `ledger serve` killed with SIGKILL under a consumer: what the ledger answered as acked
 * is durable, so after the restart delivery goes on after it, and only events whose ack
 * was not stored come again.
 */
describe('the ledger process killed and restarted under a durable subscription', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('the consumer continues after its last ack; duplicates only of events not yet acked', async () => {
    assertBuildIsCurrent(['apps/api/src/subscriptions', 'libs/application/src/subscriptions', 'libs/domain/src/deal']);
    const port = await freePort();
    // The consuming service holds the subscriber role: it creates, reads and acks its own durable subscription.
    const env = { LEDGER_DATA_DIR: data.dir, LEDGER_SEED: 'none', LEDGER_API_KEYS: `risk-service:subscriber:${KEY}`, PORT: String(port) };
    // The test writes straight to the log file, as `ledger import` would: the server sees it within its poll interval.
    const store = await SqliteEventStore.open({ file: join(data.dir, 'events.sqlite') });
    let server = await startServe(env);
    const client = new LedgerClient({ baseUrl: server.url, apiKey: KEY, reconnect: { initialDelayMs: 50, maxDelayMs: 500 } });

    try {
      const before = await appendLoad(store, { events: 600, writers: 3, batch: 10, prefix: 'restart' });
      await client.durable.create({ name: 'risk', filter: { categories: ['deal'] }, maxInFlight: 50 });

      const handled: string[] = [];
      const acked = new Set<string>();
      let handledAtKill = 0;
      const consumer = client.durable.consume('risk', {
        // Slow enough that the kill falls in the middle of the stream.
        handler: async (event: LedgerEvent) => {
          handled.push(event.position);
          if (handled.length % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        },
        ackBatchSize: 25,
        ackIntervalMs: 10,
        onAcked: (cursors) => cursors.forEach((cursor) => acked.add(cursor)),
      });

      await until(() => acked.size >= 200, 30_000, '200 acked events');
      await kill(server.child);
      const ackedBeforeKill = new Set(acked);
      handledAtKill = handled.length;
      const after = await appendLoad(store, { events: 300, writers: 3, batch: 10, prefix: 'restart-after' });

      server = await startServe(env);
      const all = [...before, ...after].map(String);
      await until(() => all.every((position) => handled.includes(position)), 60_000, 'every event handled after the restart');
      await consumer.stop();

      const afterRestart = handled.slice(handledAtKill);
      const again = afterRestart.filter((position) => handled.indexOf(position) < handledAtKill);
      // Nothing the ledger had confirmed as acked came back…
      expect(again.filter((position) => ackedBeforeKill.has(position))).toEqual([]);
      // …and every event was handled.
      expect(new Set(handled)).toEqual(new Set(all));
      const info = await client.durable.get('risk');
      expect(info.checkpoint).toBe(String(after.at(-1)));
    } finally {
      await kill(server.child);
      await store.close();
    }
  });
});
