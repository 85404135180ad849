// Child process of append-crash.e2e-spec.ts: appends random batches to a SQLite event
// store until it is killed, and prints each batch on stdout only after the store has
// acknowledged it. Plain .mjs importing the compiled store, so no TypeScript loader is
// needed at test time (`npm test` builds dist/ before running jest).
//
// usage: node append-worker.mjs <file> <seed> <FULL|NORMAL>
import { randomUUID } from 'node:crypto';

const { SqliteEventStore } = await import(new URL('../../dist/libs/event-store/src/index.js', import.meta.url).href);

const [file, seedArgument, synchronous] = process.argv.slice(2);
const random = mulberry32(Number(seedArgument));
const STREAMS = 30;

const store = await SqliteEventStore.open({ file, synchronous });

// Earlier (killed) workers wrote to this file: carry on from the revisions it holds.
const revisions = new Map();
for (let s = 0; s < STREAMS; s++) {
  const streamId = `crash-${s}`;
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  if (last) revisions.set(streamId, last.revision);
}
print({ ready: true });

for (let n = 0; ; n++) {
  const batchId = randomUUID();
  const batchSize = 1 + Math.floor(random() * 20);
  const streamCount = Math.min(batchSize, random() < 0.5 ? 1 : 2 + Math.floor(random() * 3));
  const streamIds = pickDistinct(streamCount);
  let index = 0;
  const appends = streamIds.map((streamId, s) => {
    // Spread the batch over its streams, at least one event each.
    const count = s === streamCount - 1 ? batchSize - index : 1 + Math.floor(random() * (batchSize - index - (streamCount - s - 1)));
    const events = Array.from({ length: count }, () => ({
      eventId: randomUUID(),
      type: 'CrashTest.v1',
      data: { n, payload: 'x'.repeat(Math.floor(random() * 400)) },
      metadata: {
        actor: 'crash-worker',
        commandId: batchId,
        correlationId: batchId,
        causationId: batchId,
        batchId,
        batchSize,
        index: index++,
      },
    }));
    return { streamId, events, expectedRevision: revisions.get(streamId) ?? 'no_stream' };
  });

  const results =
    appends.length === 1 && random() < 0.5
      ? [await store.append(appends[0].streamId, appends[0].events, appends[0].expectedRevision)]
      : await store.appendMany(appends);

  results.forEach((result) => revisions.set(result.streamId, result.nextExpectedRevision));
  print({
    batchId,
    batchSize,
    appends: results.map((result, i) => ({ ...result, eventIds: appends[i].events.map((e) => e.eventId) })),
  });
}

function print(line) {
  // Synchronous for pipes on Linux: the line is in the pipe before the next append starts.
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function pickDistinct(count) {
  const chosen = new Set();
  while (chosen.size < count) chosen.add(`crash-${Math.floor(random() * STREAMS)}`);
  return [...chosen];
}

// The seededRandom of libs/testing, copied: the worker runs plain JS against dist/, which ships no test code.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
