import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EFFECTIVE_WINDOW, dealStreamName, type DealCommand } from '#domain';
import { InMemoryEventStore, SqliteEventStore, type EventStore, type ReadStreamOptions, type RecordedEvent } from '#event-store';
import { DEAL_ID, FACTS_AS_REPORTED } from '../../../domain/src/deal/testing/caremag.js';
import type { CommandSettings } from '../command-context.js';
import { dealFold, loadDeal } from '../deal/load-deal.js';
import { recordDealCommand } from '../deal/record-on-deal-stream.js';
import { FoldedStreamCache } from './folded-stream-cache.js';
import { analystContext } from '../testing/command-context.js';

const STREAM = dealStreamName(DEAL_ID);
const COMMANDS: DealCommand[] = FACTS_AS_REPORTED.map((step) => step.command);
const contextOf = (commandId: string) => analystContext(commandId, '2026-01-05T09:00:00.000Z');
const settingsWith = (foldedStreams?: FoldedStreamCache): CommandSettings => ({
  maxConflictRetries: 5,
  effectiveWindow: DEFAULT_EFFECTIVE_WINDOW,
  foldedStreams,
});

/** The store as it is, with the events that reads of one stream returned counted. */
function counted(store: EventStore, watched = STREAM): EventStore & { eventsRead: number } {
  const tally = Object.assign(Object.create(store) as EventStore, { eventsRead: 0 });
  tally.readStream = async (streamId: string, options?: ReadStreamOptions) => {
    const events = await store.readStream(streamId, options);
    if (streamId === watched) tally.eventsRead += events.length;
    return events;
  };
  return tally;
}

/** Empties `events` as a recorded disposal does. */
async function dispose(store: InMemoryEventStore, events: readonly RecordedEvent[]): Promise<void> {
  await store.disposePayloads({
    eventId: randomUUID(),
    data: { reason: 'past retention' },
    metadata: { actor: 'records-admin', commandId: 'dispose', correlationId: 'dispose', causationId: 'dispose' },
    targets: events.map(({ eventId, position, hash }) => ({ eventId, position, hash })),
  });
}

async function recordAll(store: EventStore, settings: CommandSettings, commands = COMMANDS, prefix = 'command'): Promise<void> {
  for (const [i, command] of commands.entries()) await recordDealCommand(store, command, contextOf(`${prefix}-${i}`), settings);
}

describe('a deal command decides on the state cached since the last one', () => {
  it('reads only the stream’s first event, the last it knew and what came after, and decides as a whole load would', async () => {
    const store = counted(new InMemoryEventStore({ clock: () => new Date('2026-01-05T09:00:00.000Z') }));
    const cache = new FoldedStreamCache();
    await recordAll(store, settingsWith(cache), COMMANDS.slice(0, 6));
    store.eventsRead = 0;
    await recordAll(store, settingsWith(cache), COMMANDS.slice(6), 'later');
    // Each later command read the stream's first event, the event its cached state ended on
    // and the one the command before it appended: never the whole stream.
    expect(store.eventsRead).toBe(3 * (COMMANDS.length - 6));

    const uncached = new InMemoryEventStore({ clock: () => new Date('2026-01-05T09:00:00.000Z') });
    await recordAll(uncached, settingsWith(), COMMANDS.slice(0, 6));
    await recordAll(uncached, settingsWith(), COMMANDS.slice(6), 'later');
    const written = (s: EventStore) => s.readStream(STREAM).then((events) => events.map(({ eventId, type, data, metadata, hash }) => ({ eventId, type, data, metadata, hash })));
    expect(await written(store)).toEqual(await written(uncached));
  });

  it('folds in what another writer appended meanwhile (another process on the same file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folded-cache-'));
    const first = await SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    const cache = new FoldedStreamCache();
    try {
      await recordAll(first, settingsWith(cache), COMMANDS.slice(0, 3));
      await recordAll(first, settingsWith(), COMMANDS.slice(3, 5), 'elsewhere'); // not through the cache
      const loaded = await cache.load(first, STREAM, dealFold);
      expect(loaded.revision).toBe(4);
      expect(loaded.state).toEqual((await loadDeal(first, STREAM)).state);
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads a stream whole when its last known event is no longer what it was (a store replaced underneath)', async () => {
    const cache = new FoldedStreamCache();
    const before = new InMemoryEventStore();
    await recordAll(before, settingsWith(cache), COMMANDS.slice(0, 4));
    // Another ledger with the same deal, told differently from its third command on.
    const replaced = counted(new InMemoryEventStore());
    await recordAll(replaced, settingsWith(), [...COMMANDS.slice(0, 2), COMMANDS[5]!, COMMANDS[4]!]);
    replaced.eventsRead = 0;
    const loaded = await cache.load(replaced, STREAM, dealFold);
    // The first event and from the cached revision (2) on, where the events differ; then the whole stream.
    expect(replaced.eventsRead).toBe(1 + 2 + 4);
    expect(loaded.state).toEqual((await loadDeal(replaced, STREAM)).state);
  });

  it('refuses a command on a deal disposed of since its state was cached', async () => {
    const store = new InMemoryEventStore();
    const cache = new FoldedStreamCache();
    await recordAll(store, settingsWith(cache), COMMANDS.slice(0, 3));
    await dispose(store, await store.readStream(STREAM));
    await expect(recordDealCommand(store, COMMANDS[3]!, contextOf('after-disposal'), settingsWith(cache))).rejects.toMatchObject({ code: 'DEAL.DISPOSED' });
    expect(await store.readStream(STREAM)).toHaveLength(3);
  });

  it('refuses a command on a deal a disposal has emptied in part (a run stopped between its batches)', async () => {
    const store = new InMemoryEventStore();
    const cache = new FoldedStreamCache();
    await recordAll(store, settingsWith(cache), COMMANDS.slice(0, 3));
    const [first] = await store.readStream(STREAM);
    await dispose(store, [first!]);
    await expect(recordDealCommand(store, COMMANDS[3]!, contextOf('after-disposal'), settingsWith(cache))).rejects.toMatchObject({ code: 'DEAL.DISPOSED' });
    await expect(recordDealCommand(store, COMMANDS[2]!, contextOf('command-2'), settingsWith(cache))).rejects.toMatchObject({ code: 'DEAL.DISPOSED' });
    expect(await store.readStream(STREAM)).toHaveLength(3);
  });

  it('answers a retry with its first run, reading the stream whole only then', async () => {
    const store = counted(new InMemoryEventStore());
    const cache = new FoldedStreamCache();
    await recordAll(store, settingsWith(cache), COMMANDS.slice(0, 5));
    store.eventsRead = 0;
    const retried = await recordDealCommand(store, COMMANDS[1]!, contextOf('command-1'), settingsWith(cache));
    expect(retried).toMatchObject({ replayed: true, revision: 1 });
    expect(store.eventsRead).toBe(1 + 2 + 5); // the first event and from the cached revision (3) on, then whole: the id was there
    await expect(recordDealCommand(store, COMMANDS[6]!, contextOf('command-1'), settingsWith(cache))).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await store.readStream(STREAM)).toHaveLength(5);
  });

  it('records every one of concurrent commands on one deal, in some order, each once', async () => {
    const store = new InMemoryEventStore();
    const cache = new FoldedStreamCache();
    await recordAll(store, settingsWith(cache), COMMANDS.slice(0, 1));
    const later = COMMANDS.slice(1);
    await Promise.all(later.map((command, i) => recordDealCommand(store, command, contextOf(`concurrent-${i}`), settingsWith(cache))));
    const ids = (await store.readStream(STREAM)).map((e) => e.metadata.commandId).slice(1);
    expect([...ids].sort()).toEqual(later.map((_, i) => `concurrent-${i}`).sort());
  });

  it('keeps no more than its bound, the streams used least lately leaving first', async () => {
    const store = new InMemoryEventStore();
    const cache = new FoldedStreamCache(5);
    const onDeal = (n: number) => COMMANDS.slice(0, 3).map((command) => ({ ...command, dealId: `deal-${n}` }) as DealCommand);
    for (const n of [1, 2, 3]) await recordAll(store, settingsWith(cache), onDeal(n), `deal-${n}`);
    // Each deal's entry holds its first two events (cached before the third command's append).
    expect(cache.size).toEqual({ streams: 2, events: 4 });
    const counting = counted(store, dealStreamName('deal-1'));
    await cache.load(counting, dealStreamName('deal-1'), dealFold);
    expect(counting.eventsRead).toBe(3); // left the cache: read whole
  });
});
