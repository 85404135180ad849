import { randomUUID } from 'node:crypto';
import {
  AppendConsistencyViolationError,
  TransactionMaxSizeExceededError,
  UnsupportedError,
  WrongExpectedVersionError,
  type EventData,
  type JSONEventData,
} from '@kurrent/kurrentdb-client';
import { KurrentDbClientDouble, MAX_APPEND_SIZE } from './kurrentdb-client-double.js';

/** The KurrentDB client double's atomic writes to several streams keep the rules it claims, with the client's own errors. */
describe('KurrentDbClientDouble: multiStreamAppend and appendRecords', () => {
  let client: KurrentDbClientDouble;
  beforeEach(() => {
    client = new KurrentDbClientDouble({ statsEvery: 1_000 });
  });
  afterEach(() => client.dispose());

  const event = (metadata: Record<string, unknown> = { m: '1' }): JSONEventData => ({ id: randomUUID(), contentType: 'application/json', type: 'A.v1', data: { n: 1 }, metadata });
  const ids = async (stream: string) => {
    const out: string[] = [];
    try {
      for await (const e of client.readStream(stream)) out.push(e.event!.id);
    } catch {
      // A stream with no events is not found.
    }
    return out;
  };
  const allIds = async () => {
    const out: string[] = [];
    for await (const e of client.readAll()) if (!e.event!.streamId.startsWith('$')) out.push(e.event!.id);
    return out;
  };

  describe('multiStreamAppend', () => {
    it('writes every stream, each at its expected state, and answers each stream’s last revision', async () => {
      await client.appendToStream('deal-1', event(), { streamState: 'no_stream' });
      const result = await client.multiStreamAppend([
        { streamName: 'deal-1', expectedState: 0n, events: [event(), event()] },
        { streamName: 'deal-2', expectedState: 'no_stream', events: [event()] },
      ]);
      expect(result.responses).toEqual([
        { streamName: 'deal-1', revision: 2n },
        { streamName: 'deal-2', revision: 0n },
      ]);
      expect(await ids('deal-1')).toHaveLength(3);
    });

    it('writes nothing when one stream is not at its expected state, and names that stream', async () => {
      await client.appendToStream('deal-2', event(), { streamState: 'no_stream' });
      const error = await client
        .multiStreamAppend([
          { streamName: 'deal-1', expectedState: 'no_stream', events: [event()] },
          { streamName: 'deal-2', expectedState: 'no_stream', events: [event()] },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: 'deal-2', expectedState: 'no_stream', actualState: 0n });
      expect(await ids('deal-1')).toEqual([]);
      expect(await ids('deal-2')).toHaveLength(1);
    });

    it('refuses metadata that is not an object of strings, before sending, with the client’s message', async () => {
      await expect(client.multiStreamAppend([{ streamName: 'deal-1', expectedState: 'any', events: [event({ n: 1 })] }])).rejects.toThrow(
        'multiStreamAppend requires metadata to be a plain object with string keys and string values.',
      );
      expect(await ids('deal-1')).toEqual([]);
    });

    it('refuses a write larger than the server’s MaxAppendSize as a whole, with TransactionMaxSizeExceededError', async () => {
      const half = (): EventData => ({ ...event(), data: { text: 'x'.repeat(MAX_APPEND_SIZE / 2) } });
      await expect(
        client.multiStreamAppend([
          { streamName: 'deal-1', expectedState: 'any', events: [half()] },
          { streamName: 'deal-2', expectedState: 'any', events: [half()] },
        ]),
      ).rejects.toBeInstanceOf(TransactionMaxSizeExceededError);
      expect(await allIds()).toEqual([]);
    });

    it('stores the properties as JSON metadata with the server’s $schema.format and $schema.name', async () => {
      await client.multiStreamAppend([{ streamName: 'deal-1', expectedState: 'any', events: [event({ actor: 'a' })] }]);
      for await (const e of client.readStream('deal-1')) expect(e.event!.metadata).toEqual({ actor: 'a', '$schema.format': 'Json', '$schema.name': 'A.v1' });
    });

    it('as a server before 25.1: UnsupportedError, as the client throws when the call is not in the server’s features', async () => {
      const old = new KurrentDbClientDouble({ multiStreamAppend: false });
      const error = await old.multiStreamAppend([{ streamName: 'deal-1', expectedState: 'any', events: [event()] }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedError);
      expect(error).toMatchObject({ type: 'unsupported', feature: 'multiStreamAppend', minimumVersion: '25.1' });
      await expect(old.appendRecords([{ streamName: 'deal-1', record: event() }])).rejects.toBeInstanceOf(UnsupportedError);
      await old.dispose();
    });
  });

  describe('appendRecords', () => {
    it('keeps the request’s order across streams in the log', async () => {
      const [a, b, c] = [event(), event(), event()];
      await client.appendRecords([
        { streamName: 'deal-1', record: a },
        { streamName: 'deal-2', record: b },
        { streamName: 'deal-1', record: c },
      ]);
      expect(await allIds()).toEqual([a.id, b.id, c.id]);
    });

    it('writes nothing when a check fails, with one violation per failed check', async () => {
      await client.appendToStream('deal-2', event(), { streamState: 'no_stream' });
      const error = await client
        .appendRecords(
          [
            { streamName: 'deal-1', record: event() },
            { streamName: 'deal-2', record: event() },
          ],
          [
            { type: 'stream_state', streamName: 'deal-1', expectedState: 'no_stream' },
            { type: 'stream_state', streamName: 'deal-2', expectedState: 'no_stream' },
          ],
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendConsistencyViolationError);
      expect((error as AppendConsistencyViolationError).violations).toEqual([{ checkIndex: 1, streamName: 'deal-2', expectedState: 'no_stream', actualState: 0n }]);
      expect(await ids('deal-1')).toEqual([]);
    });

    it('as a 25.1 server: multiStreamAppend works, appendRecords is unsupported', async () => {
      const v25 = new KurrentDbClientDouble({ appendRecords: false });
      await expect(v25.appendRecords([{ streamName: 'deal-1', record: event() }])).rejects.toMatchObject({ feature: 'appendRecords', minimumVersion: '26.1' });
      await v25.multiStreamAppend([{ streamName: 'deal-1', expectedState: 'no_stream', events: [event()] }]);
      await v25.dispose();
    });
  });
});
