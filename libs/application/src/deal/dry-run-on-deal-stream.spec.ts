import { DEFAULT_EFFECTIVE_WINDOW, type DealCommand } from '#domain';
import { InMemoryEventStore, type EventStore, type RecordedEvent } from '#event-store';
import { TEST_NOW, commandOf, laterHypotheticalLines, recordCommands, referenceDealLines } from '#testing';
import type { CommandContext } from '../command-context.js';
import { dryRunDealCommand } from './dry-run-on-deal-stream.js';
import { recordDealCommand } from './record-on-deal-stream.js';
import { analystContext } from '../testing/command-context.js';

const [register, investment, ...otherFacts] = referenceDealLines().map(commandOf);
const [revision] = laterHypotheticalLines().map(commandOf);
const contextOf = (commandId: string, more: Partial<CommandContext> = {}) => analystContext(commandId, TEST_NOW, more);
const settings = { maxConflictRetries: 1, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW };

async function everything(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of store.readAll()) all.push(event);
  return all;
}

/** The error a call ends with, to compare a dry run's refusal with the real call's. */
const refusalOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => {
      throw new Error('expected a refusal, and the call was accepted');
    },
    // Its class, message and every field (code, kind, details): all of what an answer is made from.
    (error: unknown) => ({ class: (error as Error).constructor.name, message: (error as Error).message, ...(error as object) }),
  );

describe('a deal command in a dry run', () => {
  let store: InMemoryEventStore;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    await recordCommands(store, [register!, investment!, ...otherFacts]);
  });

  it('answers the events the real call then writes, and writes nothing itself', async () => {
    const before = await everything(store);
    const dryRun = await dryRunDealCommand(store, revision!, contextOf('revise-1'), DEFAULT_EFFECTIVE_WINDOW);
    expect(await everything(store)).toEqual(before);

    const real = await recordDealCommand(store, revision!, contextOf('revise-1'), settings);
    const written = (await everything(store)).slice(before.length);
    expect(dryRun).toEqual({
      dealId: real.dealId,
      revision: real.revision - 1,
      wouldWrite: written.map(({ type, data, metadata }) => ({ type, data, metadata })),
      eventTypes: real.eventTypes,
      figureIds: real.figureIds,
      replayed: false,
    });
  });

  it('decides a deal not registered yet on no revision', async () => {
    const dryRun = await dryRunDealCommand(new InMemoryEventStore(), register!, contextOf('register-1'), DEFAULT_EFFECTIVE_WINDOW);
    expect({ revision: dryRun.revision, types: dryRun.eventTypes }).toEqual({ revision: null, types: ['DealRegistered.v2'] });
  });

  it('answers a used command id as its replay, with the first run\'s answer and nothing to write', async () => {
    const real = await recordDealCommand(store, revision!, contextOf('revise-2'), settings);
    const head = await store.headPosition();
    const dryRun = await dryRunDealCommand(store, revision!, contextOf('revise-2'), DEFAULT_EFFECTIVE_WINDOW);
    expect(dryRun).toEqual({
      dealId: real.dealId,
      revision: real.revision,
      wouldWrite: [],
      eventTypes: real.eventTypes,
      figureIds: real.figureIds,
      replayed: true,
    });
    expect(await store.headPosition()).toBe(head);
  });

  it('leaves the command id free: the real call under it is recorded, not replayed', async () => {
    await dryRunDealCommand(store, revision!, contextOf('revise-3'), DEFAULT_EFFECTIVE_WINDOW);
    expect((await recordDealCommand(store, revision!, contextOf('revise-3'), settings)).replayed).toBe(false);
  });

  it('is refused with the error of the real call: a broken rule, a stale If-Match, a reused command id', async () => {
    const head = await store.headPosition();
    const refusals: { command: DealCommand; context: CommandContext }[] = [
      { command: investment!, context: contextOf('again-1') },
      { command: revision!, context: contextOf('stale-1', { expectedRevision: 3 }) },
    ];
    await recordDealCommand(store, revision!, contextOf('used-1'), settings);
    refusals.push({ command: { ...revision!, reason: 'another command under a used id' } as DealCommand, context: contextOf('used-1') });
    for (const { command, context } of refusals) {
      const dryRun = await refusalOf(dryRunDealCommand(store, command, context, DEFAULT_EFFECTIVE_WINDOW));
      const real = await refusalOf(recordDealCommand(store, command, context, settings));
      expect(dryRun).toEqual(real);
      expect(dryRun).toMatchObject({ code: expect.stringMatching(/^(FIGURE\.ALREADY_EXISTS|CONCURRENCY\.STALE_REVISION|IDEMPOTENCY\.KEY_REUSED)$/) });
    }
    expect(await store.headPosition()).toBe(head + 1);
  });
});
