import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type AppendResult, type RecordedEvent } from '#event-store';
import { onCompleteLines, seededRandom } from '#testing';

/**
 * Kills a writer with SIGKILL at random moments and checks, after each kill, what a
 * restarted process finds in the file: whole batches or nothing, no gap in positions or
 * revisions, and every batch the writer saw acknowledged. Reproduce a failure with
 * CRASH_SEED=<the seed printed in the failure>.
 */

const ROOT = path.resolve(__dirname, '../..');
const WORKER = path.join(__dirname, 'append-worker.mjs');
const SOURCES = path.join(ROOT, 'libs/event-store/src');
const BUILT = path.join(ROOT, 'dist/libs/event-store/src');
const KILLS = 20;

interface Acknowledged {
  batchId: string;
  batchSize: number;
  appends: (AppendResult & { eventIds: string[] })[];
}

describe('appending to SQLite, killed with SIGKILL at random moments', () => {
  let dir: string;

  beforeAll(() => {
    assertBuildIsCurrent();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'event-store-crash-'));
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('never leaves a partial batch or a gap, and never loses an acknowledged batch', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = seededRandom(seed);
    const file = path.join(dir, 'crash.sqlite');
    const acknowledged = new Map<string, Acknowledged>();

    for (let round = 0; round < KILLS; round++) {
      const context = `seed ${seed}, round ${round + 1}/${KILLS}`;
      // Both durability settings must survive a process crash (NORMAL only risks power loss).
      const synchronous = round % 2 === 0 ? 'FULL' : 'NORMAL';
      const killAfterMs = 50 + Math.floor(random() * 351);
      const acks = await runWorkerAndKill(file, Math.floor(random() * 2 ** 31), synchronous, killAfterMs, context);
      for (const ack of acks) acknowledged.set(ack.batchId, ack);

      const { events, integrity } = await reopen(file);
      expect({ context, integrity }).toEqual({ context, integrity: 'ok' });
      expectNoGaps(events, context);
      // Batches committed just before the kill but never acknowledged may be present: whole.
      expectWholeBatches(events, context);
      expectAcknowledgedPresent(events, acknowledged, context);
    }

    // The test only means something if the writer got work done between kills.
    expect(acknowledged.size).toBeGreaterThan(KILLS);
  }, 120_000);
});

/** The worker imports dist/: fail clearly rather than test stale or missing code. */
function assertBuildIsCurrent(): void {
  const stale: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(SOURCES, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing') walk(child);
      } else if (entry.name.endsWith('.ts') && !/\.(spec|contract)\.ts$/.test(entry.name)) {
        const built = path.join(BUILT, child.replace(/\.ts$/, '.js'));
        if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(path.join(SOURCES, child)).mtimeMs) {
          stale.push(child);
        }
      }
    }
  };
  walk('.');
  if (stale.length > 0) {
    throw new Error(
      `The crash test runs the compiled store from dist/, which is missing or older than ${stale.join(', ')}. ` +
        'Run `npm run build` first (`npm test` does).',
    );
  }
}

async function runWorkerAndKill(
  file: string,
  seed: number,
  synchronous: string,
  killAfterMs: number,
  context: string,
): Promise<Acknowledged[]> {
  const child = spawn(process.execPath, [WORKER, file, String(seed), synchronous], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: Acknowledged[] = [];
  let stderr = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));

  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A line cut short by the kill was never fully acknowledged: onCompleteLines holds it back.
  onCompleteLines(child.stdout, (line) => {
    const parsed = JSON.parse(line) as Acknowledged | { ready: true };
    if ('ready' in parsed) onReady();
    else acks.push(parsed);
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );

  const startup = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const first = await Promise.race([ready.then(() => 'ready' as const), closed.then(() => 'ended' as const)]);
  clearTimeout(startup);
  let killedByUs = false;
  if (first === 'ready') {
    await new Promise((resolve) => setTimeout(resolve, killAfterMs));
    killedByUs = child.kill('SIGKILL');
  }
  const { code, signal } = await closed;
  if (!killedByUs || signal !== 'SIGKILL') {
    const how = first === 'ready' ? 'ended on its own' : 'never became ready';
    throw new Error(`${context}: the worker ${how} (code ${code}, signal ${signal}):\n${stderr}`);
  }
  return acks;
}

async function reopen(file: string): Promise<{ events: RecordedEvent[]; integrity: unknown }> {
  // Opening read-write lets SQLite recover the WAL the killed writer left behind.
  const store = await SqliteEventStore.open({ file });
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readAll()) events.push(event);
  } finally {
    await store.close();
  }
  const raw = new Database(file);
  try {
    return { events, integrity: raw.pragma('integrity_check', { simple: true }) };
  } finally {
    raw.close();
  }
}

function expectNoGaps(events: RecordedEvent[], context: string): void {
  const positionGap = events.findIndex((e, i) => e.position !== i + 1);
  expect({ context, positionGap }).toEqual({ context, positionGap: -1 });
  const revisions = new Map<string, number>();
  for (const event of events) {
    const expected = (revisions.get(event.streamId) ?? -1) + 1;
    if (event.revision !== expected) {
      throw new Error(`${context}: ${event.streamId} jumps to revision ${event.revision} at position ${event.position}, expected ${expected}`);
    }
    revisions.set(event.streamId, event.revision);
  }
}

function expectWholeBatches(events: RecordedEvent[], context: string): void {
  const batches = new Map<string, { size: number; indexes: number[] }>();
  for (const { metadata } of events) {
    const batch = batches.get(metadata.batchId as string) ?? { size: metadata.batchSize as number, indexes: [] };
    batch.indexes.push(metadata.index as number);
    batches.set(metadata.batchId as string, batch);
  }
  for (const [batchId, { size, indexes }] of batches) {
    if (indexes.length !== size || indexes.some((index, i) => index !== i)) {
      throw new Error(`${context}: batch ${batchId} is partial: ${indexes.length} of ${size} events (${indexes.join(',')})`);
    }
  }
}

function expectAcknowledgedPresent(events: RecordedEvent[], acknowledged: Map<string, Acknowledged>, context: string): void {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  for (const { batchId, appends } of acknowledged.values()) {
    for (const append of appends) {
      append.eventIds.forEach((eventId, k) => {
        const found = byId.get(eventId);
        const expected = { streamId: append.streamId, revision: append.firstRevision + k, position: append.firstPosition + k };
        if (!found || found.streamId !== expected.streamId || found.revision !== expected.revision || found.position !== expected.position) {
          throw new Error(
            `${context}: acknowledged batch ${batchId} lost or moved event ${eventId}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(found && { streamId: found.streamId, revision: found.revision, position: found.position })}`,
          );
        }
      });
    }
  }
}
