import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  CurrentStreamState,
  END,
  FORWARDS,
  Position,
  ReadRevision,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { prepareAppend, prepareAppends, type PreparedAppend } from '../../append-preparation.js';
import { commitTime } from '../../commit-time.js';
import {
  DuplicateEventIdError,
  EventStoreError,
  InvalidArgumentError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors.js';
import type {
  AppendResult,
  EventFilter,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '../../event-store.port.js';
import { assertExpectedRevision } from '../../expected-revision.js';
import { checkedFilter, logReadRange, streamReadRange, type LogReadRange } from '../../read-options.js';
import { matchesFilter } from '../../stream-names.js';
import type { KurrentDbClientCalls } from './kurrentdb-client-calls.js';
import { describeEndpoint, isTransient, translateKurrentError, withCause, type ErrorContext } from './kurrentdb-errors.js';
import { failureKindOf } from './kurrentdb-failure-kinds.js';
import { fromKurrentEvent, headOf, toEventData, type StreamHead } from './kurrentdb-events.js';
import { exactStreamState, fromCurrentState } from './kurrentdb-expected-revision.js';
import { readFromLeader } from './kurrentdb-leader-reads.js';
import { conflictOf, probeAtomicCall, sendAtomically, type AtomicCall } from './kurrentdb-atomic-writes.js';
import { streamBatches, type StreamBatch } from './kurrentdb-stream-batches.js';
import { serverFilterFor } from './kurrentdb-filters.js';
import { checkOptions, type KurrentDbEventStoreOptions, type KurrentDbSettings } from './kurrentdb-options.js';
import { END_OF_LOG, positionFromKurrent, readPositionAfter } from './kurrentdb-positions.js';
import { assertInScope, ledgerStreamName, serverStreamName } from './kurrentdb-scope.js';
import { KurrentDbSubscription } from './kurrentdb-subscription.js';

type KurrentModule = typeof import('@kurrent/kurrentdb-client');

const forwards = 'forwards' satisfies typeof FORWARDS;
const backwards = 'backwards' satisfies typeof BACKWARDS;
const end = 'end' satisfies typeof END;

/** Writes that expected 'any' and lost a race are tried again this many times. */
const MAX_CHAIN_RETRIES = 20;

/**
 * The event store on KurrentDB (formerly EventStoreDB), through the official
 * `@kurrent/kurrentdb-client`. Differences from the SQLite store, all forced by KurrentDB:
 *
 * - Positions are KurrentDB's `$all` commit positions (kurrentdb-positions.ts): increasing,
 *   but byte offsets with gaps, not 1, 2, 3…
 * - `appendMany` is one atomic write where the server has one (kurrentdb-atomic-writes.ts):
 *   `appendRecords` (26.1+, the log keeps the call's order) or `multiStreamAppend` (25.1+,
 *   the log holds the call's events stream after stream). Each stream is written at the exact
 *   revision the adapter read and chained the hashes to; all are written or none. Those calls
 *   take string-valued metadata only, so a value that is not a string travels as its JSON text
 *   (kurrentdb-metadata.ts, JSON_VALUE_PREFIX) and reads back as it was; their answer holds
 *   one position for the whole write, so each event's position is read back from the leader.
 *   On a server before 25.1 (the client refuses both calls as unsupported) the store says so
 *   once (onAtomicAppendManyUnavailable; `appendManyTrait()`) and appends stream by stream,
 *   in order, stopping at the first refusal and leaving the appends before it written; bulk
 *   import copes (a refused batch is recorded again command by command, the commands already
 *   written answered as replays).
 * - Event ids are not unique across the store: KurrentDB keeps no index of them, and a
 *   store-wide check would cost a write of its own per append. An id among the stream's last
 *   events (a retried write: they are read anyway, for the hash chain) is refused as a
 *   duplicate; one stored in another stream, or earlier in the same one, is not. So a
 *   command id reused on another deal records the command there, where SQLite refuses it.
 *   The ledger's commands always name an exact revision, so a retried command meets a
 *   conflict and finds its own earlier run.
 * - The commit time is the writing process's clock (never earlier than the stream's last
 *   event), kept in the metadata with the hash, because the hash covers it and KurrentDB
 *   assigns its own `created` time only on the server.
 * - A read or subscription may start after any number, but KurrentDB starts only where an
 *   event is: after another number the store first finds the last event before it, reading
 *   the log back from its end (quick near the end, slow far back).
 *
 * Every append first reads the stream's last events (for the hash chain and the duplicate
 * check) and then writes at exactly that revision; a write of several events (or to several
 * streams) reads their positions back. Both reads require the leader (kurrentdb-leader-reads.ts): a follower
 * may lack the last writes. The client reconnects by itself after the server comes back (and follows
 * the leader in a cluster); subscriptions are re-opened after their last event.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly endpoint: string;
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private closed = false;
  /** The server's atomic write to several streams, learnt at the first appendMany and kept ('none': before 25.1, appendMany writes stream by stream). */
  private atomicCall: AtomicCall | 'none' | 'unknown' = 'unknown';

  private constructor(
    private readonly client: KurrentDbClientCalls,
    private readonly settings: KurrentDbSettings,
  ) {
    this.endpoint = describeEndpoint(settings.connectionString);
  }

  static async open(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
    const settings = checkOptions(options);
    // Loaded on demand: processes on the SQLite store never load the gRPC stack.
    const kurrent: KurrentModule = await import('@kurrent/kurrentdb-client');
    let client: KurrentDbClientCalls;
    try {
      client = kurrent.KurrentDBClient.connectionString(settings.connectionString);
    } catch (error) {
      throw new InvalidArgumentError('connectionString', `is not a KurrentDB connection string: ${(error as Error).message.split('\n')[0]}`);
    }
    return KurrentDbEventStore.started(client, settings);
  }

  /**
   * The store over a client it is given instead of one it connects itself: the seam through
   * which tests run the adapter's own logic over the KurrentDB client double. Everything
   * after the client's construction is what open() does; the connection string only names
   * the server in messages.
   */
  static async overClient(
    client: KurrentDbClientCalls,
    options: Omit<KurrentDbEventStoreOptions, 'connectionString'> & { connectionString?: string },
  ): Promise<KurrentDbEventStore> {
    return KurrentDbEventStore.started(client, checkOptions({ connectionString: 'kurrentdb://client-double:2113?tls=false', ...options }));
  }

  private static async started(client: KurrentDbClientCalls, settings: KurrentDbSettings): Promise<KurrentDbEventStore> {
    const store = new KurrentDbEventStore(client, settings);
    if (settings.verifyConnection) await store.verifyConnection();
    return store;
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expectedRevision);
    assertInScope(this.settings.scope, streamId);
    this.assertOpen();
    return this.write(prepared);
  }

  /**
   * How `appendMany` writes on this server (the contract suite's AdapterTraits.appendMany):
   * 'atomic' where the server has an atomic write to several streams (25.1+), else
   * 'in-order' (stream by stream, stopping at the first refusal). Asks the server the first time.
   */
  async appendManyTrait(): Promise<'atomic' | 'in-order'> {
    this.assertOpen();
    return (await this.atomicCallOfServer()) ? 'atomic' : 'in-order';
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    const prepared = prepareAppends(appends);
    for (const append of prepared) assertInScope(this.settings.scope, append.streamId);
    this.assertOpen();
    const atomicCall = prepared.length > 1 ? await this.atomicCallOfServer() : undefined;
    if (atomicCall) {
      const written = await this.writeAtomically(atomicCall, prepared);
      if (written) return written;
    }
    const results: AppendResult[] = [];
    for (const append of prepared) results.push(await this.write(append));
    return results;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const range = streamReadRange(options);
    this.assertOpen();
    const serverName = serverStreamName(this.settings.scope, streamId);
    // Names the store does not own ($ system streams, other categories) hold nothing for it.
    if (range.maxCount === 0 || ledgerStreamName(this.settings.scope, serverName) !== streamId) return [];
    const maxCount = range.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (!range.backwards) return this.readServerStream(streamId, { direction: forwards, fromRevision: BigInt(range.fromRevision), maxCount });
    if (range.fromRevision === Number.MAX_SAFE_INTEGER) return this.readServerStream(streamId, { direction: backwards, fromRevision: end, maxCount });
    const events = await this.readServerStream(streamId, { direction: backwards, fromRevision: BigInt(range.fromRevision), maxCount });
    if (events.length > 0 || range.fromRevision === 0) return events;
    // Asked to start beyond the last revision: start from the last one instead.
    const [last] = await this.readServerStream(streamId, { direction: backwards, fromRevision: end, maxCount: 1 });
    if (!last || last.revision >= range.fromRevision) return [];
    return this.readServerStream(streamId, { direction: backwards, fromRevision: BigInt(last.revision), maxCount });
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.readLog(logReadRange(options));
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    // The server filter nearly always matches exactly what the store owns, so the first
    // event read backwards is the head; the scan only goes on past what the scope rejects.
    for await (const { position, resolved } of this.readBackwards()) {
      if (this.decodeLogEvent(resolved, undefined)) return position;
    }
    return 0;
  }

  subscribe(options: SubscribeOptions): EventSubscription {
    this.assertOpen();
    const filter = checkedFilter(options?.filter);
    const from = subscriptionFrom(options?.from);
    const serverFilter = serverFilterFor(this.settings.scope, filter);
    const subscription = new KurrentDbSubscription(
      {
        open: (after, checkpoint) => this.openNativeSubscription(after, serverFilter ?? NOTHING, checkpoint),
        head: () => this.headPosition(),
        decode: (resolved) => this.decodeLogEvent(resolved, filter),
        floor: (position) => this.floorPosition(position),
        translate: (error) => translateKurrentError(error, this.context()),
      },
      from,
      {
        initialDelayMs: this.settings.retryDelayMs,
        maxDelayMs: this.settings.maxRetryDelayMs,
        onRetry: this.settings.onSubscriptionRetry,
      },
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of [...this.subscriptions]) subscription.close();
    await this.client.dispose();
  }

  private async verifyConnection(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError(`no answer within ${this.settings.connectTimeoutMs} ms`)),
        this.settings.connectTimeoutMs,
      );
    });
    try {
      await Promise.race([this.headPosition(), timeout]);
    } catch (error) {
      await this.close();
      if (!(error instanceof StoreUnavailableError)) throw error;
      const unavailable = `KurrentDB at ${this.endpoint} is unavailable`;
      const detail = error.message.startsWith(unavailable) ? error.message.slice(unavailable.length).replace(/^: /, '') : error.message;
      throw new StoreUnavailableError(`Cannot reach KurrentDB at ${this.endpoint}: ${detail || 'no server answered there'}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** One append, continuing the stream's hash chain at exactly the revision it read. */
  private async write({ streamId, expectedRevision, events }: PreparedAppend): Promise<AppendResult> {
    const serverName = serverStreamName(this.settings.scope, streamId);
    for (let attempt = 1; ; attempt++) {
      // The stream's last events, from the leader: the head to chain to, and a retried write's events.
      const tail = await this.leaderRead(streamId, { direction: backwards, fromRevision: end, maxCount: events.length });
      const head = headOf(tail[0]);
      assertExpectedRevision(streamId, expectedRevision, head?.revision);
      const taken = events.find((event) => tail.some((stored) => stored.eventId === event.eventId));
      if (taken) throw new DuplicateEventIdError(taken.eventId);

      const recordedAt = commitTime(this.settings.clock, head?.recordedAt);
      const data = toEventData(events, { streamId, head, recordedAt });
      let appended: Awaited<ReturnType<KurrentDbClientCalls['appendToStream']>>;
      try {
        appended = await this.client.appendToStream(serverName, data, { streamState: exactStreamState(head?.revision) });
      } catch (error) {
        const translated = translateKurrentError(error, this.context({ streamId, expected: expectedRevision }));
        // Someone wrote between the read and the write. A caller who named a revision (or
        // no stream) gets the conflict; 'any' and 'stream_exists' go on from the new head.
        const raced = translated instanceof WrongExpectedRevisionError && typeof expectedRevision === 'string' && expectedRevision !== 'no_stream';
        if (raced && attempt < MAX_CHAIN_RETRIES) continue;
        throw translated;
      }
      // Outside the try: from here on the events are written, whatever fails next.
      return this.resultOf(streamId, events.length, Number(appended.nextExpectedRevision), appended.position);
    }
  }

  /**
   * All the appends in one atomic call, or undefined when the server has none (the caller
   * then writes stream by stream). Every stream's last events are read from the leader
   * first: the caller's expectations are checked against them in the call's order (so the
   * refusal is the one SQLite gives), and the hash chains continue from them. The write then
   * names each stream's exact revision: if anyone got in between, the server refuses it
   * whole, and the adapter reads again, where the caller's expectation decides (a named
   * revision is refused, 'any' goes on from the new head).
   */
  private async writeAtomically(call: AtomicCall, appends: readonly PreparedAppend[], askedAgain = false): Promise<AppendResult[] | undefined> {
    const batches = streamBatches(appends);
    for (let attempt = 1; ; attempt++) {
      const heads = await this.checkedHeads(appends, batches);
      // One commit time for the whole write, never earlier than any of its streams' last.
      const latest = [...heads.values()].reduce<string | undefined>((max, h) => (h && (!max || h.recordedAt > max) ? h.recordedAt : max), undefined);
      const recordedAt = commitTime(this.settings.clock, latest);
      try {
        await sendAtomically(this.client, call, { appends, batches, heads, recordedAt, serverName: (id) => serverStreamName(this.settings.scope, id) });
      } catch (error) {
        const kind = failureKindOf(error);
        // A server that had the call and has it no more (the client moved to an older node): ask again.
        // Asked once per write: a server that says it has the call and then refuses it again is written stream by stream.
        if (kind === 'unsupported') {
          this.atomicCall = 'unknown';
          const now = askedAgain ? undefined : await this.atomicCallOfServer();
          return now ? this.writeAtomically(now, appends, true) : undefined;
        }
        if (kind === 'conflict' && attempt < MAX_CHAIN_RETRIES) continue;
        throw this.translateBatchError(error, appends, kind);
      }
      // Outside the try: from here on the events are written, whatever fails next.
      return this.resultsOf(appends, batches, heads);
    }
  }

  /**
   * The atomic call the server has (kurrentdb-atomic-writes.ts), asked once and kept. It is
   * asked before the first batch's expectations are checked, so that a batch refused on a
   * server without one still writes the appends before its refusal, as in-order says.
   */
  private async atomicCallOfServer(): Promise<AtomicCall | undefined> {
    if (this.atomicCall === 'unknown') {
      let call: AtomicCall | undefined;
      try {
        call = await probeAtomicCall(this.client);
      } catch (error) {
        throw translateKurrentError(error, this.context());
      }
      this.atomicCall = call ?? 'none';
      if (!call) {
        this.settings.onAtomicAppendManyUnavailable?.(
          `KurrentDB at ${this.endpoint} has no multi-stream append (KurrentDB 25.1 and later have it): ` +
            'appendMany writes stream by stream, not atomically; a bulk import records a refused batch again command by command',
        );
      }
    }
    return this.atomicCall === 'none' ? undefined : this.atomicCall;
  }

  /** Each stream's head, read from the leader, with every append's expectation and event ids checked in the call's order. */
  private async checkedHeads(appends: readonly PreparedAppend[], batches: readonly StreamBatch[]): Promise<Map<string, StreamHead | undefined>> {
    // All at once: one round trip for the batch, not one per stream (the client multiplexes them on its connection).
    const read = batches.map(({ streamId, events }) => this.leaderRead(streamId, { direction: backwards, fromRevision: end, maxCount: events.length }));
    const tailsRead = await Promise.all(read);
    const tails = new Map<string, RecordedEvent[]>(batches.map(({ streamId }, i) => [streamId, tailsRead[i]!]));
    const heads = new Map([...tails].map(([streamId, tail]) => [streamId, headOf(tail[0])]));
    const revisions = new Map([...heads].map(([streamId, head]) => [streamId, head?.revision]));
    for (const { streamId, expectedRevision, events } of appends) {
      const revision = revisions.get(streamId);
      assertExpectedRevision(streamId, expectedRevision, revision);
      const taken = events.find((event) => tails.get(streamId)!.some((stored) => stored.eventId === event.eventId));
      if (taken) throw new DuplicateEventIdError(taken.eventId);
      revisions.set(streamId, (revision ?? -1) + events.length);
    }
    return heads;
  }

  /** A refused atomic write in our terms: a conflict names the stream the server named. */
  private translateBatchError(error: unknown, appends: readonly PreparedAppend[], kind: ReturnType<typeof failureKindOf>): EventStoreError {
    if (kind === 'too-large') {
      // Each append alone may fit: the caller can write them apart (bulk import does, command by command).
      return new InvalidArgumentError('appends', `too large together for one atomic write to KurrentDB at ${this.endpoint} (${(error as Error).message})`);
    }
    const conflict = kind === 'conflict' ? conflictOf(error) : undefined;
    const streamId = conflict && ledgerStreamName(this.settings.scope, conflict.serverName);
    const append = appends.find((a) => a.streamId === streamId);
    if (append && conflict?.actual !== undefined) {
      return withCause(new WrongExpectedRevisionError(append.streamId, append.expectedRevision, fromCurrentState(conflict.actual as CurrentStreamState)), error);
    }
    return translateKurrentError(error, this.context());
  }

  /** The positions of every append of an acknowledged multi-stream append, read back stream by stream. */
  private async resultsOf(
    appends: readonly PreparedAppend[],
    batches: readonly StreamBatch[],
    heads: ReadonlyMap<string, StreamHead | undefined>,
  ): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const { streamId, appendIndexes, events } of batches) {
      const firstRevision = (heads.get(streamId)?.revision ?? -1) + 1;
      const written = await this.writtenEvents(streamId, firstRevision, events.length);
      let offset = 0;
      for (const index of appendIndexes) {
        const count = appends[index]!.events.length;
        const own = written.slice(offset, offset + count);
        results[index] = {
          streamId,
          firstRevision: firstRevision + offset,
          nextExpectedRevision: firstRevision + offset + count - 1,
          firstPosition: own[0]!.position,
          lastPosition: own[own.length - 1]!.position,
        };
        offset += count;
      }
    }
    return results;
  }

  /**
   * The positions of a write the server acknowledged. It reports the position of the last
   * event only, so those of a write of several are read back from the leader (writtenEvents).
   */
  private async resultOf(
    streamId: string,
    count: number,
    lastRevision: number,
    position: Parameters<typeof positionFromKurrent>[0],
  ): Promise<AppendResult> {
    const firstRevision = lastRevision - count + 1;
    if (count === 1 && position !== undefined) {
      const only = positionFromKurrent(position);
      return { streamId, firstRevision, nextExpectedRevision: lastRevision, firstPosition: only, lastPosition: only };
    }
    const written = await this.writtenEvents(streamId, firstRevision, count);
    return {
      streamId,
      firstRevision,
      nextExpectedRevision: lastRevision,
      firstPosition: written[0]!.position,
      lastPosition: written[written.length - 1]!.position,
    };
  }

  /**
   * Events the server acknowledged, read back from the leader for their positions. Should
   * that fail even so, the answer says the events were written (unavailable, 503: the
   * command sent again finds them and answers as a replay), never that the write failed.
   */
  private async writtenEvents(streamId: string, firstRevision: number, count: number): Promise<RecordedEvent[]> {
    try {
      return await readFromLeader(async () => {
        const found = await this.readServerStream(streamId, { direction: forwards, fromRevision: BigInt(firstRevision), maxCount: count, requiresLeader: true });
        if (found.length < count) throw new StoreUnavailableError(`only ${found.length} of them read back`);
        return found;
      }, this.settings);
    } catch (error) {
      throw new StoreUnavailableError(
        `The ${count} events were written to ${streamId} (revisions ${firstRevision}–${firstRevision + count - 1}), but their positions could not be read back ` +
          `from KurrentDB at ${this.endpoint}: ${(error as Error).message}. Sent again, the command finds them and answers as a replay`,
        { cause: error },
      );
    }
  }

  /** A read of a stream that a write depends on: from the leader, tried again while it moves (kurrentdb-leader-reads.ts). */
  private leaderRead(streamId: string, options: StreamReadOptions): Promise<RecordedEvent[]> {
    return readFromLeader(() => this.readServerStream(streamId, { ...options, requiresLeader: true }), this.settings);
  }

  private async readServerStream(streamId: string, options: StreamReadOptions & { requiresLeader?: boolean }): Promise<RecordedEvent[]> {
    const serverName = serverStreamName(this.settings.scope, streamId);
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(serverName, { ...options, resolveLinkTos: false })) {
        events.push(this.decodeStreamEvent(resolved, streamId));
      }
    } catch (error) {
      if (failureKindOf(error) === 'not-found') return [];
      throw translateKurrentError(error, this.context({ streamId }));
    }
    return events;
  }

  private async *readLog({ after, maxCount = Number.MAX_SAFE_INTEGER, filter }: LogReadRange): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const serverFilter = serverFilterFor(this.settings.scope, filter);
    if (maxCount === 0 || !serverFilter) return;
    const pageSize = this.settings.readPageSize;
    /** Where the next page starts: an event's position (or 0), which KurrentDB can read from. */
    let start = after;
    /** Everything up to here was yielded or passed over. */
    let done = after;
    let yielded = 0;
    let startRepaired = false;
    for (;;) {
      this.assertOpen();
      let read = 0;
      try {
        // Reads of $all include the event at `start`: it is read again and dropped.
        const page = this.client.readAll({ direction: forwards, fromPosition: readPositionAfter(start), maxCount: pageSize, filter: serverFilter });
        for await (const resolved of page) {
          read++;
          const position = positionFromKurrent(resolved.event?.position);
          if (position <= done) continue;
          done = start = position;
          const event = this.decodeLogEvent(resolved, filter);
          if (!event) continue;
          yield event;
          if (++yielded >= maxCount) return;
        }
      } catch (error) {
        // `after` may be any number, but KurrentDB reads $all only from where an event is
        // (https://github.com/kurrent-io/KurrentDB/pull/4128): start again from the last
        // event at or before it.
        if (startRepaired || read > 0 || start !== after || after === 0 || isTransient(error)) {
          throw translateKurrentError(error, this.context());
        }
        startRepaired = true;
        start = await this.floorPosition(after);
        continue;
      }
      if (read < pageSize) return;
    }
  }

  /** The position of the last event at or before `position` (0: none): a place a read of $all can start. */
  private async floorPosition(position: number): Promise<number> {
    for await (const event of this.readBackwards()) if (event.position <= position) return event.position;
    return 0;
  }

  /** The store's part of $all from the end back, in pages, with each event's position. */
  private async *readBackwards(): AsyncGenerator<{ position: number; resolved: AllStreamResolvedEvent }> {
    const filter = serverFilterFor(this.settings.scope, undefined);
    let before = Number.MAX_SAFE_INTEGER;
    for (;;) {
      let read = 0;
      const fromPosition = before === Number.MAX_SAFE_INTEGER ? END_OF_LOG : readPositionAfter(before);
      const page = () => this.client.readAll({ direction: backwards, fromPosition, maxCount: this.settings.readPageSize, filter });
      for await (const resolved of this.call(page)) {
        read++;
        const position = positionFromKurrent(resolved.event?.position);
        // Reading back from an event's position starts before it; a repeat is passed over all the same.
        if (position >= before) continue;
        before = position;
        yield { position, resolved };
      }
      if (read < this.settings.readPageSize) return;
    }
  }

  private openNativeSubscription(
    after: number | 'end',
    filter: NonNullable<ReturnType<typeof serverFilterFor>>,
    checkpoint: (position: Position) => void,
  ): AllStreamSubscription {
    return this.client.subscribeToAll({
      fromPosition: after === 'end' ? end : readPositionAfter(after),
      // The server sends a checkpoint every checkpointInterval × its search window (32) events
      // it considered, matching or not, and when it catches up; the client hands each to this.
      filter: { ...filter, checkpointReached: (_subscription, position) => checkpoint(position) },
      resolveLinkTos: false,
    });
  }

  /** An event of `$all`, or undefined when it is not the store's or the filter rejects it. */
  private decodeLogEvent(resolved: AllStreamResolvedEvent, filter: EventFilter | undefined): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event) return undefined;
    const streamId = ledgerStreamName(this.settings.scope, event.streamId);
    if (streamId === undefined || !matchesFilter({ streamId, type: event.type }, filter)) return undefined;
    return fromKurrentEvent(event, streamId);
  }

  private decodeStreamEvent(resolved: ResolvedEvent, streamId: string): RecordedEvent {
    if (!resolved.event) throw new EventStoreError('STORE.UNREADABLE_EVENT', `A link without its event in ${streamId}`);
    return fromKurrentEvent(resolved.event, streamId);
  }

  /** Iterates a client read, translating its errors. */
  private async *call<T>(read: () => AsyncIterable<T>): AsyncGenerator<T> {
    try {
      yield* read();
    } catch (error) {
      throw translateKurrentError(error, this.context());
    }
  }

  private context(extra: Omit<ErrorContext, 'endpoint'> = {}): ErrorContext {
    return { endpoint: this.endpoint, ...extra };
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The KurrentDB event store is closed');
  }
}

interface StreamReadOptions {
  direction: typeof FORWARDS | typeof BACKWARDS;
  fromRevision: ReadRevision;
  maxCount: number;
}

/** A server filter for a subscription whose filter matches nothing: no stream name is empty. */
const NOTHING = { filterOn: 'streamName', regex: '^$', checkpointInterval: 1 } as const;

function subscriptionFrom(from: SubscribeOptions['from']): number | 'end' {
  if (from === 'start') return 0;
  if (from === 'end') return 'end';
  if (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 0) {
    throw new InvalidArgumentError('options.from', `must be 'start', 'end' or a position ≥ 0, got ${JSON.stringify(from)}`);
  }
  return from;
}
