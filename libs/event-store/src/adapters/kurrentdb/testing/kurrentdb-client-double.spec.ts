import { randomUUID } from 'node:crypto';
import {
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type JSONEventData,
} from '@kurrent/kurrentdb-client';
import { KurrentDbClientDouble, MAX_APPEND_SIZE } from './kurrentdb-client-double.js';
import { eventually } from '../../../testing/eventually.js';

/** The KurrentDB client double keeps the rules it claims, with the client's own error classes. */
describe('KurrentDbClientDouble', () => {
  let client: KurrentDbClientDouble;
  beforeEach(() => {
    client = new KurrentDbClientDouble({ statsEvery: 2 });
  });
  afterEach(() => client.dispose());

  const event = (type = 'A.v1'): JSONEventData => ({ id: randomUUID(), contentType: 'application/json', type, data: { n: 1 }, metadata: { m: 1 } });
  const all = async <T,>(iterable: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const e of iterable) out.push(e);
    return out;
  };
  const commits = (events: AllStreamResolvedEvent[]) => events.map((e) => e.event!.position.commit);

  it('during a leader election: a follower answers reads without the last writes, refuses a leader read with NotLeaderError, then the leader answers', async () => {
    await client.appendToStream('deal-1', [event(), event()], { streamState: 'no_stream' });
    client.leaderElection({ missing: 1 });
    expect(await all(client.readStream('deal-1'))).toHaveLength(1);
    await expect(all(client.readStream('deal-1', { requiresLeader: true }))).rejects.toBeInstanceOf(NotLeaderError);
    expect(await all(client.readStream('deal-1', { requiresLeader: true }))).toHaveLength(2);
    expect(await all(client.readStream('deal-1'))).toHaveLength(2);
  });

  it('refuses an append whose stream state does not hold with WrongExpectedVersionError naming both states', async () => {
    await client.appendToStream('deal-1', [event(), event()], { streamState: 'no_stream' });
    const error = await client.appendToStream('deal-1', event(), { streamState: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ type: 'wrong-expected-version', streamName: 'deal-1', expectedState: 0n, actualState: 1n });
    await expect(client.appendToStream('deal-1', event(), { streamState: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(client.appendToStream('deal-2', event(), { streamState: 'stream_exists' })).rejects.toMatchObject({ actualState: 'no_stream' });
    expect((await client.appendToStream('deal-1', event(), { streamState: 1n })).nextExpectedRevision).toBe(2n);
  });

  it('answers the same events sent again at the same expected revision with the first answer, writing nothing', async () => {
    const events = [event(), event()];
    const first = await client.appendToStream('deal-1', events, { streamState: 'no_stream' });
    expect(await client.appendToStream('deal-1', events, { streamState: 'no_stream' })).toEqual(first);
    expect(await all(client.readStream('deal-1'))).toHaveLength(2);
  });

  it('refuses an append larger than the server\'s MaxAppendSize, writing nothing', async () => {
    const big = { ...event(), data: { text: 'x'.repeat(MAX_APPEND_SIZE / 2) } };
    await expect(client.appendToStream('deal-1', [big, { ...big, id: randomUUID() }])).rejects.toBeInstanceOf(MaxAppendSizeExceededError);
    await expect(client.readStream('deal-1').next()).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(client.appendToStream('deal-1', [big])).resolves.toMatchObject({ success: true });
  });

  it('fails a read of a stream without events with StreamNotFoundError, on iteration', async () => {
    const read = client.readStream('deal-9');
    await expect(read.next()).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads a stream backwards within the window [from - maxCount + 1, from]', async () => {
    await client.appendToStream('deal-1', [event(), event(), event()], { streamState: 'no_stream' });
    const revisions = async (from: bigint | 'end', maxCount: number) =>
      (await all(client.readStream('deal-1', { direction: 'backwards', fromRevision: from, maxCount }))).map((e) => e.event!.revision);
    expect(await revisions('end', 2)).toEqual([2n, 1n]);
    expect(await revisions(1n, 5)).toEqual([1n, 0n]);
    expect(await revisions(9n, 2)).toEqual([]);
  });

  it('gives increasing positions with gaps, commit equal to prepare, and writes its own system events into $all', async () => {
    for (let i = 0; i < 4; i++) await client.appendToStream(`deal-${i}`, event(), { streamState: 'no_stream' });
    const log = await all(client.readAll());
    const positions = commits(log);
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]! + 1n)).toBe(true);
    expect(log.every((e) => e.event!.position.commit === e.event!.position.prepare)).toBe(true);
    expect(log.filter((e) => e.event!.streamId.startsWith('$')).length).toBeGreaterThan(3);
    expect(log.filter((e) => e.event!.type === '$statsCollected')).toHaveLength(2);
  });

  it('reads $all forwards from an event (including it), backwards from one (before it), and refuses any other offset', async () => {
    await client.appendToStream('deal-1', [event(), event(), event()], { streamState: 'no_stream' });
    const log = commits(await all(client.readAll()));
    const at = log[log.length - 2]!;
    expect(commits(await all(client.readAll({ fromPosition: { commit: at, prepare: at } })))).toEqual(log.slice(-2));
    expect(commits(await all(client.readAll({ direction: 'backwards', fromPosition: { commit: at, prepare: at }, maxCount: 1 })))).toEqual([log[log.length - 3]]);
    await expect(all(client.readAll({ fromPosition: { commit: at + 1n, prepare: at + 1n } }))).rejects.toBeInstanceOf(UnknownError);
  });

  it('applies the filter on the server: maxCount counts the events it keeps', async () => {
    await client.appendToStream('deal-1', [event('A.v1'), event('B.v1'), event('A.v1')], { streamState: 'no_stream' });
    const types = await all(client.readAll({ maxCount: 2, filter: { filterOn: 'eventType', regex: '^A\\.v1$', checkpointInterval: 1 } }));
    expect(types.map((e) => e.event!.type)).toEqual(['A.v1', 'A.v1']);
    const streams = await all(client.readAll({ filter: { filterOn: 'streamName', regex: '^[^$]', checkpointInterval: 1 } }));
    expect(streams.map((e) => e.event!.streamId)).toEqual(['deal-1', 'deal-1', 'deal-1']);
  });

  it('subscribes to $all: history after the position, caughtUp, then live events', async () => {
    await client.appendToStream('deal-1', [event(), event()], { streamState: 'no_stream' });
    const [first] = commits(await all(client.readAll({ filter: { filterOn: 'streamName', regex: '^deal-', checkpointInterval: 1 } })));
    const subscription = client.subscribeToAll({ fromPosition: { commit: first!, prepare: first! }, filter: { filterOn: 'streamName', regex: '^deal-', checkpointInterval: 1 } });
    const seen: bigint[] = [];
    let caughtUpAfter = -1;
    subscription.on('data', (e: AllStreamResolvedEvent) => seen.push(e.event!.revision));
    subscription.on('caughtUp', () => (caughtUpAfter = seen.length));
    await eventually(() => caughtUpAfter >= 0);
    await client.appendToStream('deal-1', event(), { streamState: 1n });
    await eventually(() => seen.length === 2);
    expect(seen).toEqual([1n, 2n]);
    expect(caughtUpAfter).toBe(1);
    await subscription.unsubscribe();
  });

  it('on a filtered subscription, sends checkpoints in order with the events: every interval × 32 events considered, and on catching up', async () => {
    await client.appendToStream('deal-1', event(), { streamState: 'no_stream' });
    for (let i = 0; i < 40; i++) await client.appendToStream(`party-${i}`, event(), { streamState: 'no_stream' });
    const log = commits(await all(client.readAll()));
    const seen: string[] = [];
    const subscription = client.subscribeToAll({
      filter: { filterOn: 'streamName', regex: '^deal-', checkpointInterval: 1, checkpointReached: (_s, position) => void seen.push(`checkpoint ${position.commit}`) },
    });
    subscription.on('data', (e: AllStreamResolvedEvent) => seen.push(`event ${e.event!.position.commit}`));
    let caughtUp = false;
    subscription.on('caughtUp', () => (caughtUp = true));
    await eventually(() => caughtUp);
    const deal = log[3]; // after the fresh server’s three system events
    expect(seen).toEqual([`event ${deal}`, `checkpoint ${log[31]}`, `checkpoint ${log[log.length - 1]}`]);
    await subscription.unsubscribe();
  });

  it('fails every open subscription with UnavailableError when the connections drop', async () => {
    const subscriptions = [client.subscribeToAll(), client.subscribeToAll({ fromPosition: 'end' })];
    const errors = subscriptions.map((s) => failure(s));
    await new Promise((resolve) => setImmediate(resolve));
    client.dropConnections();
    for (const error of await Promise.all(errors)) expect(error).toBeInstanceOf(UnavailableError);
    expect(client.openSubscriptions).toBe(0);
  });

  it('while unavailable, fails every call with UnavailableError; afterwards it answers again', async () => {
    client.unavailable(true);
    await expect(client.appendToStream('deal-1', event())).rejects.toBeInstanceOf(UnavailableError);
    await expect(all(client.readAll())).rejects.toBeInstanceOf(UnavailableError);
    await expect(client.readStream('deal-1').next()).rejects.toBeInstanceOf(UnavailableError);
    expect(await failure(client.subscribeToAll())).toBeInstanceOf(UnavailableError);
    client.unavailable(false);
    await expect(client.appendToStream('deal-1', event())).resolves.toMatchObject({ success: true });
  });

  it('fails a read that is streaming when the connection drops', async () => {
    await client.appendToStream('deal-1', [event(), event()], { streamState: 'no_stream' });
    const read = client.readAll();
    await read.next();
    client.dropConnections();
    await expect(read.next()).rejects.toBeInstanceOf(UnavailableError);
  });
});

function failure(subscription: AllStreamSubscription): Promise<unknown> {
  return new Promise((resolve) => subscription.once('error', resolve));
}
