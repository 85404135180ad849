// Worker thread of fan-out.e2e-spec.ts: runs the subscribers, with the real client, on an
// event loop (and a core) of their own, so that the server and the writers in the test's
// thread are not slowed by parsing what they receive. Plain .mjs importing the compiled
// client, so no TypeScript loader is needed (`npm test` builds dist/ before running jest).
//
// workerData: { url, apiKey } (every stream needs a credential)
// in:  { type: 'subscribe' } (one more subscriber, from the start), { type: 'finish', expected: string[] }
// out: { type: 'result', subscribers: [{ length, firstDifference }], connectionErrors }
import { parentPort, workerData } from 'node:worker_threads';

const { LedgerClient } = await import(new URL('../../../dist/libs/client/src/index.js', import.meta.url).href);

const client = new LedgerClient({ baseUrl: workerData.url, apiKey: workerData.apiKey, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } });
const received = [];
const subscriptions = [];
let connectionErrors = 0;

parentPort.on('message', async (message) => {
  if (message.type === 'subscribe') {
    const events = [];
    received.push(events);
    subscriptions.push(
      client.subscribe({
        filter: { categories: ['deal'] },
        from: 'start',
        handler: (event) => void events.push(event.position),
        onConnectionError: () => (connectionErrors += 1),
      }),
    );
  } else if (message.type === 'finish') {
    const { expected } = message;
    while (!received.every((events) => events.length >= expected.length)) await new Promise((resolve) => setTimeout(resolve, 10));
    // A little longer: a duplicate arriving late would show.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    parentPort.postMessage({
      type: 'result',
      connectionErrors,
      subscribers: received.map((events) => ({ length: events.length, firstDifference: events.findIndex((position, i) => position !== expected[i]) })),
    });
  }
});
parentPort.postMessage({ type: 'ready' });
