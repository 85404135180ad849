import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { WRITER_KEY } from '../support/test-ledger.js';
import { appendLoad } from './support/load.js';
import type { StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

const SUBSCRIBERS = 100;
const EVENTS = 10_000;

interface Result {
  type: 'result';
  connectionErrors: number;
  subscribers: { length: number; firstDifference: number }[];
}

/**
 * The seam between history and live, under load: subscribers (the real client, in a
 * worker thread) connect while writers are appending, so each one's catch-up ends and it
 * joins the live feed at a different moment. Each must still get every event exactly
 * once, in position order.
 */
describe(`${SUBSCRIBERS} SSE subscribers while ${EVENTS.toLocaleString('en')} events are appended`, () => {
  let ledger: StreamingLedger;
  beforeAll(() => assertBuildIsCurrent(['libs/client/src']));
  // The 100 subscribers are one identity (one key); streams per identity are bounded
  // (16 by default), so this ledger allows more than the test opens.
  streamingLedgerPerSuite((started) => (ledger = started), { subscriptions: { maxStreamsPerIdentity: 200 } });

  it('every subscriber gets every event exactly once, in position order', async () => {
    const worker = new Worker(join(__dirname, 'support', 'subscribers.worker.mjs'), { workerData: { url: ledger.url, apiKey: WRITER_KEY } });
    try {
      await once(worker, 'message');
      let subscribed = 0;
      const subscribe = () => {
        subscribed += 1;
        worker.postMessage({ type: 'subscribe' });
      };
      const positions = await appendLoad(ledger.runtime.store, {
        events: EVENTS,
        writers: 8,
        batch: 20,
        prefix: 'fan',
        // Subscribers join throughout the load: some catch up from a long history, some
        // from a short one, some start almost live.
        between: () => {
          if (subscribed < SUBSCRIBERS && Math.random() < 0.15) subscribe();
        },
      });
      while (subscribed < SUBSCRIBERS) subscribe();

      const result = once(worker, 'message') as Promise<[Result]>;
      worker.postMessage({ type: 'finish', expected: positions.map(String) });
      const [{ subscribers, connectionErrors }] = await result;

      expect(connectionErrors).toBe(0);
      expect(subscribers).toHaveLength(SUBSCRIBERS);
      expect(subscribers.filter((s) => s.length !== EVENTS || s.firstDifference !== -1)).toEqual([]);
    } finally {
      await worker.terminate();
    }
  });
});
