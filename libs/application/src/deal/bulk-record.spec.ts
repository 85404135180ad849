import { DEFAULT_EFFECTIVE_WINDOW, dealStreamName, type DealCommand } from '#domain';
import { InMemoryEventStore, InvalidArgumentError, type EventStore } from '#event-store';
import { investment, registered } from '../../../domain/src/deal/testing/caremag.js';
import { recordInBatch, type BulkItem, type BulkOutcome } from './bulk-record.js';
import { recordDealCommand } from './record-on-deal-stream.js';
import { analystContext } from '../testing/command-context.js';

const settings = { maxConflictRetries: 5, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW };
const contextOf = (commandId: string) => analystContext(commandId, '2026-01-05T09:00:00.000Z');
const items: BulkItem[] = [
  { command: { type: 'RegisterDeal', ...registered } as DealCommand, context: contextOf('register') },
  { command: { type: 'AnnounceInvestment', dealId: registered.dealId, ...investment } as DealCommand, context: contextOf('announce') },
];

/** A store whose appendMany refuses every write of several events with `refusal` (as KurrentDB a batch over its size bound). */
function refusingBatches(store: EventStore, refusal: Error): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    appendMany: async () => {
      throw refusal;
    },
  });
}

describe('recordInBatch when the store refuses the batch as one write', () => {
  it('records its commands one by one when the batch is too large for one write (each may fit alone)', async () => {
    const store = new InMemoryEventStore();
    const alone: string[] = [];
    const recordOne = async ({ command, context }: BulkItem): Promise<BulkOutcome> => {
      alone.push(context.commandId);
      const result = await recordDealCommand(store, command, context, settings);
      return { ok: true, eventCount: result.eventIds.length, replayed: result.replayed };
    };
    const tooLarge = new InvalidArgumentError('appends', 'too large together for one atomic write');
    const outcomes = await recordInBatch(refusingBatches(store, tooLarge), items, settings, recordOne);
    expect(alone).toEqual(['register', 'announce']);
    expect(outcomes).toEqual([
      { ok: true, eventCount: 1, replayed: false },
      { ok: true, eventCount: 1, replayed: false },
    ]);
    expect((await store.readStream(dealStreamName(registered.dealId))).map((e) => e.metadata.commandId)).toEqual(['register', 'announce']);
  });

  it('fails the batch on an invalid argument of one of its events: each command would meet it again', async () => {
    const store = new InMemoryEventStore();
    const badEvent = new InvalidArgumentError('appends[0].events[0].data', 'bad');
    const notCalled = async (): Promise<BulkOutcome> => ({ ok: false, error: new Error('not expected') });
    await expect(recordInBatch(refusingBatches(store, badEvent), items, settings, notCalled)).rejects.toBe(badEvent);
  });
});
