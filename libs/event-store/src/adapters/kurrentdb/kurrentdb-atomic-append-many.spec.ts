import { InvalidArgumentError, StoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors.js';
import type { StreamAppend } from '../../event-store.port.js';
import { collect, metadata, newEvent, newEvents } from '../../testing/contract-fixtures.js';
import { verifyLog } from '../../transparency/verify-log.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';
import { KurrentDbClientDouble, type KurrentDbClientDoubleOptions } from './testing/kurrentdb-client-double.js';

/**
 * Issue 17, item 5: appendMany on KurrentDB is one atomic write where the server has one
 * (appendRecords on 26.1+, multiStreamAppend on 25.1+), over the KurrentDB client DOUBLE
 * (no server runs here), which keeps those calls' documented rules.
 */
describe('KurrentDbEventStore.appendMany as one atomic write (over the client double)', () => {
  let client: KurrentDbClientDouble;
  let store: KurrentDbEventStore;
  const told: string[] = [];
  const calls: string[] = [];

  async function open(options: KurrentDbClientDoubleOptions = {}): Promise<void> {
    client = new KurrentDbClientDouble({ statsEvery: 1_000, ...options });
    told.length = 0;
    calls.length = 0;
    for (const call of ['appendToStream', 'multiStreamAppend', 'appendRecords'] as const) {
      const real = (client[call] as (...args: unknown[]) => Promise<unknown>).bind(client);
      (client as unknown as Record<string, unknown>)[call] = (...args: unknown[]) => {
        if (!(Array.isArray(args[0]) && args[0].length === 0)) calls.push(call);
        return real(...args);
      };
    }
    store = await KurrentDbEventStore.overClient(client, { retryDelayMs: 5, onAtomicAppendManyUnavailable: (line) => told.push(line) });
  }
  afterEach(() => store.close());

  /** Has another writer (a second ledger process on the same server) append to `streamId` right before the next atomic call reaches the server. */
  function anotherWriterBeforeTheNextAtomicCall(streamId: string): void {
    const other = KurrentDbEventStore.overClient(client, { verifyConnection: false });
    for (const call of ['multiStreamAppend', 'appendRecords'] as const) {
      const real = (client[call] as (...args: unknown[]) => Promise<unknown>).bind(client);
      let done = false;
      (client as unknown as Record<string, unknown>)[call] = async (...args: unknown[]) => {
        if (!done && Array.isArray(args[0]) && args[0].length > 0) {
          done = true;
          await (await other).append(streamId, [newEvent({ type: 'OtherWriter.v1' })], 'any');
        }
        return real(...args);
      };
    }
  }

  const threeStreams = (): StreamAppend[] => [
    { streamId: 'deal-1', events: newEvents(2), expectedRevision: 'no_stream' },
    { streamId: 'deal-2', events: newEvents(1), expectedRevision: 'no_stream' },
    { streamId: 'deal-3', events: newEvents(3), expectedRevision: 'any' },
  ];

  describe.each([
    ['26.1+ (appendRecords)', {}, 'appendRecords'],
    ['25.1 (multiStreamAppend)', { appendRecords: false }, 'multiStreamAppend'],
  ] as const)('on a server %s', (_, options, call) => {
    beforeEach(() => open(options));

    it('declares appendMany atomic and writes a batch of several streams in one call, with each append’s exact positions', async () => {
      expect(await store.appendManyTrait()).toBe('atomic');
      const appends = threeStreams();
      const results = await store.appendMany(appends);
      expect(calls).toEqual([call]);
      const log = await collect(store.readAll());
      const positionOf = new Map(log.map((e) => [e.eventId, e.position]));
      results.forEach((result, i) => {
        const ids = appends[i]!.events.map((e) => e.eventId);
        expect(result).toEqual({
          streamId: appends[i]!.streamId,
          firstRevision: 0,
          nextExpectedRevision: ids.length - 1,
          firstPosition: positionOf.get(ids[0]!),
          lastPosition: positionOf.get(ids[ids.length - 1]!),
        });
      });
      expect((await verifyLog(store)).ok).toBe(true);
      expect(told).toEqual([]);
    });

    it('writes nothing of the batch when another writer moved one of its streams after the read: the caller’s revision is refused for that stream', async () => {
      const appends = threeStreams();
      anotherWriterBeforeTheNextAtomicCall('deal-2');
      const error = await store.appendMany(appends).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: 'deal-2', expected: 'no_stream', actual: 0 });
      expect(await store.readStream('deal-1')).toEqual([]);
      expect(await store.readStream('deal-3')).toEqual([]);
      expect((await store.readStream('deal-2')).map((e) => e.type)).toEqual(['OtherWriter.v1']);
    });

    it('goes on from the new head when the moved stream’s append expected any, and the chain still verifies', async () => {
      const appends = threeStreams();
      anotherWriterBeforeTheNextAtomicCall('deal-3');
      const results = await store.appendMany(appends);
      expect(results[2]).toMatchObject({ streamId: 'deal-3', firstRevision: 1, nextExpectedRevision: 3 });
      const deal3 = await store.readStream('deal-3');
      expect(deal3.map((e) => e.type)).toEqual(['OtherWriter.v1', ...appends[2]!.events.map((e) => e.type)]);
      expect((await store.readStream('deal-1')).map((e) => e.eventId)).toEqual(appends[0]!.events.map((e) => e.eventId));
      expect((await verifyLog(store)).ok).toBe(true);
    });

    it('a batch written whose positions cannot be read back answers unavailable saying it was written, and nothing is lost', async () => {
      const real = (client[call] as (...args: unknown[]) => Promise<unknown>).bind(client);
      (client as unknown as Record<string, unknown>)[call] = async (...args: unknown[]) => {
        const answer = await real(...args);
        if (Array.isArray(args[0]) && args[0].length > 0) client.unavailable(true);
        return answer;
      };
      const appends = threeStreams();
      const error = await store.appendMany(appends).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/were written to deal-1 .*answers as a replay/);
      client.unavailable(false);
      for (const append of appends) expect((await store.readStream(append.streamId)).map((e) => e.eventId)).toEqual(append.events.map((e) => e.eventId));
    });

    it('keeps metadata values that are not strings (a plausibility override) exactly, and they verify', async () => {
      const override = newEvent({ metadata: metadata({ plausibilityOverride: { reason: 'a 1990 agreement' }, attempt: 2, $mine: 'x' }) });
      await store.appendMany([
        { streamId: 'deal-1', events: [override], expectedRevision: 'no_stream' },
        { streamId: 'deal-2', events: newEvents(1), expectedRevision: 'no_stream' },
      ]);
      expect((await store.readStream('deal-1'))[0]!.metadata).toEqual(override.metadata);
      expect((await verifyLog(store)).ok).toBe(true);
    });

    it('refuses a batch too large for one write as an invalid argument on the whole call (each part may fit alone), and writes nothing', async () => {
      const big = () => newEvent({ data: { text: 'x'.repeat(400_000) } });
      const error = await store
        .appendMany([
          { streamId: 'deal-1', events: [big()], expectedRevision: 'no_stream' },
          { streamId: 'deal-2', events: [big()], expectedRevision: 'no_stream' },
          { streamId: 'deal-3', events: [big()], expectedRevision: 'no_stream' },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error).toMatchObject({ argument: 'appends' });
      expect(await collect(store.readAll())).toEqual([]);
    });
  });

  it('on 26.1+, keeps the call’s order in the log even when its appends interleave streams', async () => {
    await open();
    const appends: StreamAppend[] = [
      { streamId: 'deal-1', events: newEvents(1), expectedRevision: 'no_stream' },
      { streamId: 'deal-2', events: newEvents(1), expectedRevision: 'no_stream' },
      { streamId: 'deal-1', events: newEvents(1), expectedRevision: 0 },
    ];
    await store.appendMany(appends);
    expect((await collect(store.readAll())).map((e) => e.eventId)).toEqual(appends.flatMap((a) => a.events.map((e) => e.eventId)));
  });

  it('on 25.1, writes an interleaving call atomically, stream after stream (multiStreamAppend takes each stream once)', async () => {
    await open({ appendRecords: false });
    const appends: StreamAppend[] = [
      { streamId: 'deal-1', events: newEvents(1), expectedRevision: 'no_stream' },
      { streamId: 'deal-2', events: newEvents(1), expectedRevision: 'no_stream' },
      { streamId: 'deal-1', events: newEvents(1), expectedRevision: 0 },
    ];
    const results = await store.appendMany(appends);
    const ids = (i: number) => appends[i]!.events.map((e) => e.eventId);
    expect((await collect(store.readAll())).map((e) => e.eventId)).toEqual([...ids(0), ...ids(2), ...ids(1)]);
    expect(results.map((r) => [r.streamId, r.firstRevision])).toEqual([
      ['deal-1', 0],
      ['deal-2', 0],
      ['deal-1', 1],
    ]);
    expect((await verifyLog(store)).ok).toBe(true);
  });

  describe('on a server before 25.1 (neither call)', () => {
    beforeEach(() => open({ multiStreamAppend: false }));

    it('declares appendMany in-order, says so once, and writes stream by stream', async () => {
      expect(await store.appendManyTrait()).toBe('in-order');
      await store.appendMany(threeStreams());
      await store.appendMany(threeStreams().map((a) => ({ ...a, streamId: `${a.streamId}0` })));
      expect(calls).toEqual(Array(6).fill('appendToStream'));
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(/has no multi-stream append \(KurrentDB 25\.1 and later have it\): appendMany writes stream by stream, not atomically/);
      expect((await verifyLog(store)).ok).toBe(true);
    });

    it('leaves the appends before a refusal written, as before', async () => {
      await store.append('deal-2', newEvents(1), 'no_stream');
      const appends = threeStreams();
      await expect(store.appendMany(appends)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream('deal-1')).toHaveLength(2);
      expect(await store.readStream('deal-3')).toEqual([]);
    });
  });
});
