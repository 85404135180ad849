import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, type RecordedEvent } from '#event-store';
import { commandOf, dumpProjection, laterHypotheticalLines, recordCommands, REFERENCE_DEAL_ID, referenceDealLines } from '#testing';
import { dealStateProjection } from './deal-state/deal-state.projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { openReadModelDatabase } from './read-model-database.js';
import { tableSet } from './table-set.js';

/** The rows of `events` applied one by one, each in its own transaction, outside any batch. */
function foldOneByOne(events: readonly RecordedEvent[]): string {
  const db = openReadModelDatabase(':memory:');
  dealStateProjection.setup(db, tableSet(0));
  const apply = dealStateProjection.prepare(db, tableSet(0));
  for (const event of events) db.transaction(() => apply(event))();
  const rows = dumpProjection(db, dealStateProjection);
  db.close();
  return rows;
}

describe("the deal-state projection's batch mode (each deal's row written once per batch)", () => {
  it('rolls a batch back on a poison event and redoes it event by event: the event is quarantined, its deal waits, the rows are those of one by one', async () => {
    const store = new InMemoryEventStore();
    await recordCommands(store, referenceDealLines().map(commandOf));
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    // The same note again under a new event id: its row's key is taken, the insert fails.
    const note = events.find((event) => event.type === 'NoteRecorded.v1')!;
    const poison = await store.append(note.streamId, [{ ...note, eventId: randomUUID() }], 'any');
    await recordCommands(store, laterHypotheticalLines().map(commandOf));

    const db = openReadModelDatabase(':memory:');
    // One batch for the whole log: the fast path meets the poison with the deal's row held in memory.
    const runner = new ProjectionRunner(store, db, [dealStateProjection], { batchSize: 10_000 });
    runner.start();
    try {
      expect(await runner.catchUp(5_000)).toBe(true);
      const quarantined = await runner.quarantined('deal-state');
      expect(quarantined).toMatchObject([{ position: poison.firstPosition, streamId: `deal-${REFERENCE_DEAL_ID}`, waiting: 4 }]);
      expect(dumpProjection(db, dealStateProjection)).toBe(foldOneByOne(events));
    } finally {
      await runner.stop();
      db.close();
    }
  });
});
