import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, WrongExpectedRevisionError, type NewEvent } from '#event-store';
import { handleCommand, type StreamCommand, type StreamFold } from './handle-command.js';

/** A counter stream: the state is the sum of the events' amounts. */
type Added = { amount: number };
const sum: StreamFold<number, Added> = { initialState: 0, decode: (r) => ({ amount: r.data.amount as number }), evolve: (s, e) => s + e.amount };
const event = (amount: number, commandId: string = randomUUID(), commandFingerprint = 'f'): NewEvent => ({
  eventId: randomUUID(),
  type: 'Added.v1',
  data: { amount },
  metadata: { actor: 'a', commandId, correlationId: commandId, causationId: commandId, commandFingerprint },
});
const add = (amount: number, seen: number[] = []): StreamCommand<number, Added> => ({
  streamId: 'counter-1',
  fold: sum,
  decide: (state) => (seen.push(state), [{ amount }]),
  encode: (events) => events.map((e) => event(e.amount)),
});

/** Another writer appends before each of our first `times` appends. */
function raced(store: InMemoryEventStore, times: number): InMemoryEventStore {
  const append = store.append.bind(store);
  store.append = async (streamId, events, expected) => {
    if (times-- > 0) await append(streamId, [event(100)], 'any');
    return append(streamId, events, expected);
  };
  return store;
}

describe('handleCommand', () => {
  it('decides on the folded stream and appends at the revision read', async () => {
    const store = new InMemoryEventStore();
    await store.append('counter-1', [event(2)], 'no_stream');
    const seen: number[] = [];
    const { appended, decided } = await handleCommand(store, add(3, seen));
    expect({ seen, decided, revision: appended.nextExpectedRevision }).toEqual({ seen: [2], decided: [{ amount: 3 }], revision: 1 });
  });

  it('with a revision-only fold, reads just the last event and appends after it', async () => {
    const store = new InMemoryEventStore();
    await store.append('counter-1', [event(2), event(5)], 'no_stream');
    const revisionOnly: StreamFold<number, Added> = { ...sum, revisionOnly: true };
    const { loaded, appended } = await handleCommand(store, { ...add(1), fold: revisionOnly });
    expect({ read: loaded.events.map((e) => e.revision), revision: appended.nextExpectedRevision }).toEqual({ read: [1], revision: 2 });
  });

  it('decides again on the fresh state after a conflict, within the attempts', async () => {
    const seen: number[] = [];
    await handleCommand(raced(new InMemoryEventStore(), 2), add(1, seen), { maxAttempts: 3 });
    expect(seen).toEqual([0, 100, 200]);
  });

  it("surfaces a conflict that outlasts the attempts as the store's own error, or as the caller's", async () => {
    await expect(handleCommand(raced(new InMemoryEventStore(), 3), add(1), { maxAttempts: 3 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    const exhausted = (attempts: number) => new Error(`gave up after ${attempts}`);
    await expect(handleCommand(raced(new InMemoryEventStore(), 2), add(1), { maxAttempts: 2, exhausted })).rejects.toThrow('gave up after 2');
  });

  it('with an expected revision (If-Match), refuses a stream that moved on, deciding nothing', async () => {
    const store = new InMemoryEventStore();
    await store.append('counter-1', [event(2)], 'no_stream');
    const seen: number[] = [];
    const stale = (actual: number | 'no_stream') => new Error(`at ${actual}`);
    await expect(handleCommand(store, add(1, seen), { expectedRevision: { revision: 5, stale } })).rejects.toThrow('at 0');
    expect(seen).toEqual([]);
  });

  it('answers a command id seen before with its earlier events and writes nothing; another command under it is refused', async () => {
    const store = new InMemoryEventStore();
    await store.append('counter-1', [event(2, 'cmd-1', 'fp')], 'no_stream');
    const handled = await handleCommand(store, add(2), { idempotency: { commandId: 'cmd-1', fingerprint: 'fp' } });
    expect(handled.replayed && handled.earlier.map((e) => e.revision)).toEqual([0]);
    await expect(handleCommand(store, add(3), { idempotency: { commandId: 'cmd-1', fingerprint: 'other' } })).rejects.toMatchObject({
      code: 'IDEMPOTENCY.KEY_REUSED',
    });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('in a dry run, decides and encodes as a real call, and stops before the append', async () => {
    const store = new InMemoryEventStore();
    await store.append('counter-1', [event(2, 'cmd-1', 'fp')], 'no_stream');
    const seen: number[] = [];
    const handled = await handleCommand(store, add(3, seen), { idempotency: { commandId: 'cmd-2', fingerprint: 'fp' }, dryRun: true });
    expect(handled.replayed).toBe(false);
    expect(!handled.replayed && { revision: handled.loaded.revision, decided: handled.decided, types: handled.written.map((e) => e.type) }).toEqual({
      revision: 0,
      decided: [{ amount: 3 }],
      types: ['Added.v1'],
    });
    expect({ seen, stored: (await store.readStream('counter-1')).length, head: await store.headPosition() }).toEqual({ seen: [2], stored: 1, head: 1 });
  });

  it('in a dry run, still answers a used command id as its replay and refuses a stale If-Match, deciding nothing', async () => {
    const store = new InMemoryEventStore();
    await store.append('counter-1', [event(2, 'cmd-1', 'fp')], 'no_stream');
    const seen: number[] = [];
    const replay = await handleCommand(store, add(2, seen), { idempotency: { commandId: 'cmd-1', fingerprint: 'fp' }, dryRun: true });
    expect(replay.replayed && replay.earlier.map((e) => e.revision)).toEqual([0]);
    const stale = (actual: number | 'no_stream') => new Error(`at ${actual}`);
    await expect(handleCommand(store, add(1, seen), { expectedRevision: { revision: 5, stale }, dryRun: true })).rejects.toThrow('at 0');
    expect(seen).toEqual([]);
  });
});
