import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LiveEventFeed } from '#application';
import { appendLoad } from './support/load.js';
import { openRawStream, until } from './support/raw-sse.js';
import type { StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * A consumer that stops reading: its socket fills, the server stops writing to it, its
 * reader leaves the live feed when its buffer is full, and nothing else accumulates for
 * it. Measured with the heap after a full GC, against a bound a leak would break many
 * times over: an unbounded buffer would hold every one of the 30,000 events (each a
 * decoded object plus its ~700-byte SSE frame, well over 60 MB).
 */
describe('a consumer that reads nothing for a while', () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));

  it("keeps the server's memory flat, appends going, and other subscribers unaffected; then catches up from the store", async () => {
    const feed = ledger.app.get(LiveEventFeed);
    const fast = await openRawStream(`${ledger.url}/subscriptions/events?from=start`, {}, undefined, { idsOnly: true });
    const slow = await openRawStream(`${ledger.url}/subscriptions/events?from=start`, {}, undefined, { idsOnly: true });
    slow.response.pause();

    // Warm up: the feed's window of recent events fills, every code path is compiled.
    const warmUp = await appendLoad(ledger.runtime.store, { events: 12_000, writers: 4, batch: 50, prefix: 'warm' });
    await until(() => fast.messages.length >= warmUp.length, 60_000, 'the fast subscriber to take the warm-up');
    const baseline = heapAfterGc();

    const load = await appendLoad(ledger.runtime.store, { events: 30_000, writers: 4, batch: 50, prefix: 'slow' });
    const all = [...warmUp, ...load].map(String);
    await until(() => fast.messages.length >= all.length, 60_000, 'the fast subscriber to take everything');
    const grown = heapAfterGc() - baseline;

    // The slow one has not read: its reader left the live feed, the fast one is still on it.
    expect(slow.messages.length).toBeLessThan(all.length);
    expect(feed.liveReaders).toBe(1);
    expect(fast.messages.map((m) => m.id)).toEqual(all);
    expect(grown).toBeLessThan(20 * MB);

    slow.response.resume();
    await until(() => slow.messages.length >= all.length, 60_000, 'the slow subscriber to catch up');
    expect(slow.messages.map((m) => m.id)).toEqual(all);
    fast.destroy();
    slow.destroy();
  });
});
