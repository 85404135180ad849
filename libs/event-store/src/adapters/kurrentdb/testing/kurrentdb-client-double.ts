import {
  AppendConsistencyViolationError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TransactionMaxSizeExceededError,
  UnavailableError,
  UnknownError,
  UnsupportedError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendRecordInput,
  type AppendRecordsResult,
  type AppendResult,
  type AppendStreamRequest,
  type AppendStreamState,
  type ConsistencyCheck,
  type AppendToStreamOptions,
  type CurrentStreamState,
  type EventData,
  type EventType,
  type MultiAppendResult,
  type ReadAllOptions,
  type ReadPosition,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type { KurrentDbClientCalls } from '../kurrentdb-client-calls.js';
import { DoubleLog, filterKeeps, resolved, type LogRecord } from './double-log.js';
import { DoubleSubscription } from './double-subscription.js';

export interface KurrentDbClientDoubleOptions {
  /** After every this many appends, the server writes a statistics event of its own into $all (default 3). */
  statsEvery?: number;
  /**
   * Whether the server has multi-stream append (KurrentDB 25.1+, the default). Off, the
   * double is a server before 25.1: the client finds the call missing from the server's
   * features and refuses `multiStreamAppend` itself, with UnsupportedError.
   */
  multiStreamAppend?: boolean;
  /**
   * Whether the server has `appendRecords` (KurrentDB 26.1+; default: as multiStreamAppend).
   * Off with multi-stream append on, the double is a 25.1 server.
   */
  appendRecords?: boolean;
}

/** The server's default MaxAppendSize: the most bytes of data and metadata one append may carry. */
export const MAX_APPEND_SIZE = 1_048_576;

/** Where a fresh server's log has its first event: the chunk header and epoch records come before. */
const FIRST_OFFSET = 1_536n;

/**
 * The KurrentDB client double: the calls the adapter makes on `KurrentDBClient`, over an
 * in-process log that keeps the server's documented rules (each noted where it is kept),
 * with the errors the client raises, plus three faults: `dropConnections()`,
 * `unavailable(on)` and `leaderElection()`. For tests only: it is no KurrentDB, and where it can only guess what
 * the server does, it says so.
 */
export class KurrentDbClientDouble implements KurrentDbClientCalls {
  private readonly log = new DoubleLog(FIRST_OFFSET);
  private readonly subscriptions = new Set<DoubleSubscription>();
  private readonly statsEvery: number;
  private readonly hasMultiStreamAppend: boolean;
  private readonly hasAppendRecords: boolean;
  private appends = 0;
  /** Bumped on every dropped connection: a read still streaming over the old one fails. */
  private connection = 0;
  private down = false;
  /** Set during a leader election the client has not followed yet: reads not requiring the leader see the log before this offset. */
  private follower: { before: bigint } | undefined;
  private electionAfterNextAppend = false;
  disposed = false;
  /** Where each subscription to $all was asked to start, in order: what a test of re-subscription looks at. */
  readonly subscribedFrom: ReadPosition[] = [];

  constructor(options: KurrentDbClientDoubleOptions = {}) {
    this.statsEvery = options.statsEvery ?? 3;
    this.hasMultiStreamAppend = options.multiStreamAppend ?? true;
    this.hasAppendRecords = options.appendRecords ?? this.hasMultiStreamAppend;
    // A fresh server already holds system events: its users and its system streams' settings.
    this.writeSystem('$users', '$User', { loginName: 'admin' });
    this.writeSystem('$user-admin', '$UserCreated', { loginName: 'admin', fullName: 'KurrentDB Administrator' });
    this.writeSystem('$$$scavenges', '$metadata', { $maxAge: 2_592_000 });
  }

  /** Every open subscription fails as on a lost connection; reads in flight fail too. */
  dropConnections(): void {
    this.connection++;
    for (const subscription of [...this.subscriptions]) subscription.fail(connectionLost());
  }

  /** While on, every call fails as when the server cannot be reached (and the connections drop when it goes). */
  unavailable(on: boolean): void {
    if (on && !this.down) this.dropConnections();
    this.down = on;
  }

  /**
   * A leader election the client has not yet followed: a read that does not require the
   * leader is answered by a follower lacking the last `missing` events of the log (with
   * `afterNextAppend`, lacking the next append, which the leader acknowledged); the first
   * read that requires it is refused with NotLeaderError (what a follower answers a
   * `requiresLeader` call), and from then on the client is on the leader, which holds all.
   */
  leaderElection({ missing = 1, afterNextAppend = false }: { missing?: number; afterNextAppend?: boolean } = {}): void {
    if (afterNextAppend) this.electionAfterNextAppend = true;
    else this.follower = { before: this.log.records[Math.max(0, this.log.records.length - missing)]!.position };
  }

  /** The number of subscriptions open now. */
  get openSubscriptions(): number {
    return this.subscriptions.size;
  }

  async appendToStream<KnownEventType extends EventType = EventType>(
    streamName: string,
    event: EventData<KnownEventType> | EventData<KnownEventType>[],
    { streamState = 'any' }: AppendToStreamOptions = {},
  ): Promise<AppendResult> {
    await turn();
    this.assertReachable();
    const events = (Array.isArray(event) ? event : [event]) as EventData[];
    // The server refuses an append whose events' data and metadata together exceed its MaxAppendSize.
    if (appendSize(events) > MAX_APPEND_SIZE) throw MaxAppendSizeExceededError.fromMaxAppendSize(MAX_APPEND_SIZE);
    const stream = this.log.stream(streamName) ?? [];
    const current = currentState(stream);
    const repeat = this.sameWriteAgain(stream, events, streamState);
    if (repeat) return repeat;
    // The server checks the expected state against the stream's current revision, atomically with the write.
    if (!stateHolds(streamState, current)) {
      // The client throws on a refused append (throwOnAppendFailure defaults to true).
      throw new WrongExpectedVersionError(undefined, { streamName, current, expected: streamState });
    }
    const written = this.log.write(streamName, events, new Date());
    if (this.electionAfterNextAppend) {
      this.electionAfterNextAppend = false;
      this.follower = { before: written[0]!.position };
    }
    this.afterWrite();
    const last = written[written.length - 1]!;
    // The answer names the stream's new revision and the position of the write's last event.
    return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position, prepare: last.position } };
  }

  /**
   * The client's multi-stream append (server 25.1+): every request's stream checked against
   * its expected state, then all written or none ("Either all streams are updated, or the
   * entire operation fails", the client's docs). Kept as the client and server keep it:
   * - the client refuses, before sending, an event whose metadata is not a plain object of
   *   string values (dist/streams/appendToStream/multiStreamAppend.js), with a plain Error;
   * - against a server without the call, the client throws UnsupportedError (it asks the
   *   server's features first);
   * - a stream not at its expected state refuses the whole write with WrongExpectedVersionError
   *   naming that stream (the client's fromRevisionConflict);
   * - the whole write is bounded by the server's MaxAppendSize (TransactionMaxSizeExceededError);
   *   that the bound is this one, and the same as a single append's, is the double's guess;
   * - the server stores the properties as the event's JSON metadata and adds `$schema.format`
   *   and `$schema.name` (the client's own test, multiAppendStream.test.ts);
   * - the answer's `position` is the write's last record's here; the server's documents no
   *   more than "the position", so the adapter reads each event's position back instead.
   * One stream named twice in one call: the double cannot tell what the server does, and
   * refuses it (the adapter sends each stream once). An empty call (the adapter's question
   * whether the server has the call) writes nothing; that the server answers it as a success
   * is the double's guess (the adapter takes any answer but unsupported as the call's presence).
   */
  async multiStreamAppend<KnownEventType extends EventType = EventType>(requests: AppendStreamRequest<KnownEventType>[]): Promise<MultiAppendResult> {
    assertStringMetadata('multiStreamAppend', requests.flatMap((r) => r.events as EventData[]));
    await turn();
    this.assertReachable();
    if (!this.hasMultiStreamAppend) throw new UnsupportedError('multiStreamAppend', '25.1');
    if (requests.length === 0) return { position: this.log.records[this.log.records.length - 1]!.position, responses: [] };
    const names = requests.map((r) => r.streamName);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice !== undefined) throw new Error(`the KurrentDB client double does not know how the server takes stream ${twice} twice in one multi-stream append`);
    const events = requests.flatMap((r) => r.events as EventData[]);
    const size = appendSize(events);
    if (size > MAX_APPEND_SIZE) {
      throw new TransactionMaxSizeExceededError(transactionTooLarge(size), { size, maxSize: MAX_APPEND_SIZE });
    }
    for (const { streamName, expectedState } of requests) {
      const stream = this.log.stream(streamName) ?? [];
      const current = currentState(stream);
      if (!stateHolds(expectedState, current)) throw new WrongExpectedVersionError(undefined, { streamName, current, expected: expectedState });
    }
    const now = new Date();
    const written = requests.map(({ streamName, events: sent }) =>
      this.log.write(streamName, (sent as EventData[]).map(withSchemaProperties), now),
    );
    if (this.electionAfterNextAppend) {
      this.electionAfterNextAppend = false;
      this.follower = { before: written[0]![0]!.position };
    }
    this.afterWrite();
    const last = written[written.length - 1]!;
    return {
      position: last[last.length - 1]!.position,
      responses: written.map((records, i) => ({ streamName: requests[i]!.streamName, revision: records[records.length - 1]!.revision })),
    };
  }

  /**
   * The client's appendRecords (server 26.1+): records of any streams in the request's order,
   * written all or none, after every check of a stream's state holds ("Checks are evaluated
   * before commit", the client's docs). As the client and server keep it:
   * - the client refuses metadata that is not a plain object of string values, as for
   *   multiStreamAppend, and throws UnsupportedError against a server without the call;
   * - a check that fails refuses the whole write with AppendConsistencyViolationError, one
   *   violation per failed check (each with its stream, expected and actual state);
   * - size, stored metadata and the answer's position as for multiStreamAppend above (the
   *   bound is the double's guess); the answer names each stream written once, at its last revision.
   * An empty call writes nothing and answers an empty success (the double's guess, as above).
   */
  async appendRecords<KnownEventType extends EventType = EventType>(records: AppendRecordInput<KnownEventType>[], checks: ConsistencyCheck[] = []): Promise<AppendRecordsResult> {
    assertStringMetadata('appendRecords', records.map((r) => r.record as EventData));
    await turn();
    this.assertReachable();
    if (!this.hasAppendRecords) throw new UnsupportedError('appendRecords', '26.1');
    if (records.length === 0 && checks.length === 0) return { position: this.log.records[this.log.records.length - 1]!.position, responses: [] };
    const size = appendSize(records.map((r) => r.record as EventData));
    if (size > MAX_APPEND_SIZE) {
      throw new TransactionMaxSizeExceededError(transactionTooLarge(size), { size, maxSize: MAX_APPEND_SIZE });
    }
    const violationsList = checks.flatMap(({ streamName, expectedState }, checkIndex) => {
      const stream = this.log.stream(streamName) ?? [];
      const current = currentState(stream);
      if (stateHolds(expectedState, current)) return [];
      return [{ checkIndex, streamState: { stream: streamName, expectedState: wireState(expectedState), actualState: wireState(current) } }];
    });
    if (violationsList.length > 0) {
      throw new AppendConsistencyViolationError(
        Object.assign(new Error('9 FAILED_PRECONDITION: append consistency violation'), { code: 9 }) as never,
        { violationsList } as never,
      );
    }
    const now = new Date();
    const last = new Map<string, LogRecord>();
    for (const { streamName, record } of records) {
      const [written] = this.log.write(streamName, [withSchemaProperties(record as EventData)], now);
      last.set(streamName, written!);
    }
    if (this.electionAfterNextAppend) {
      this.electionAfterNextAppend = false;
      this.follower = { before: this.log.records[this.log.records.length - records.length]!.position };
    }
    this.afterWrite();
    return {
      position: this.log.records[this.log.records.length - 1]!.position,
      responses: [...last].map(([streamName, record]) => ({ streamName, revision: record.revision })),
    };
  }

  readStream<KnownEventType extends EventType = EventType>(
    streamName: string,
    { direction = 'forwards', fromRevision = 'start', maxCount = Number.MAX_SAFE_INTEGER, requiresLeader = false }: ReadStreamOptions = {},
  ): AsyncIterableIterator<ResolvedEvent<KnownEventType>> {
    const self = this;
    return (async function* () {
      await turn();
      self.assertReachable();
      const follower = self.follower;
      if (follower && requiresLeader) {
        self.follower = undefined;
        throw notLeader();
      }
      const stream = follower ? self.log.stream(streamName)?.filter((r) => r.position < follower.before) : self.log.stream(streamName);
      // A read of a stream that has no events fails with StreamNotFoundError, raised by the client on iteration.
      if (!stream || stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const count = BigInt(maxCount);
      let picked: readonly LogRecord[];
      if (direction === 'forwards') {
        const from = fromRevision === 'start' ? 0n : fromRevision === 'end' ? BigInt(stream.length) : fromRevision;
        picked = stream.filter((r) => r.revision >= from).slice(0, Number(count));
      } else {
        const last = BigInt(stream.length - 1);
        const from = fromRevision === 'end' ? last : fromRevision === 'start' ? -1n : fromRevision;
        // Backwards, the server looks up the index window [from - maxCount + 1, from]: a start past the
        // stream's last revision may come back short or empty (the adapter reads the last event then).
        picked = stream.filter((r) => r.revision <= from && r.revision > from - count).reverse();
      }
      yield* self.streamOut(picked) as AsyncGenerator<ResolvedEvent<KnownEventType>>;
    })();
  }

  readAll({ direction = 'forwards', fromPosition = 'start', maxCount = Number.MAX_SAFE_INTEGER, filter }: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
    const self = this;
    return (async function* () {
      await turn();
      self.assertReachable();
      const records = self.log.records;
      const start = direction === 'forwards' ? self.log.forwardIndex(fromPosition) : self.log.backwardIndex(fromPosition);
      if (start === 'invalid') throw invalidPosition();
      const picked: LogRecord[] = [];
      const step = direction === 'forwards' ? 1 : -1;
      // maxCount counts the events the filter keeps: a filtered read of $all is done on the server.
      for (let i = start; i >= 0 && i < records.length && picked.length < Number(maxCount); i += step) {
        if (filterKeeps(filter, records[i]!)) picked.push(records[i]!);
      }
      yield* self.streamOut(picked);
    })();
  }

  subscribeToAll({ fromPosition = 'start', filter }: SubscribeToAllOptions = {}): AllStreamSubscription {
    this.subscribedFrom.push(fromPosition);
    // A subscription from a position starts after the event there (a read from it includes it).
    const at = this.log.forwardIndex(fromPosition);
    const atAnEvent = at !== 'invalid' && typeof fromPosition === 'object' && at < this.log.records.length;
    const next = atAnEvent ? at + 1 : at;
    const subscription = new DoubleSubscription(this.log, next === 'invalid' ? 0 : next, filter, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    // The client opens the call in the background: a refusal arrives as an 'error' event, never as a throw.
    setImmediate(() => {
      if (this.down) subscription.fail(serverUnreachable());
      else if (next === 'invalid') subscription.fail(invalidPosition());
      else subscription.pump();
    });
    return subscription as unknown as AllStreamSubscription;
  }

  /** As the client's: cancels every open call. (The adapter itself refuses every call once closed.) */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
  }

  /**
   * The server's idempotence: the same events (by id) sent again at the same expected
   * revision are not written twice; the answer is the first write's.
   */
  private sameWriteAgain(stream: readonly LogRecord[], events: readonly EventData[], streamState: AppendToStreamOptions['streamState']): AppendResult | undefined {
    const after = streamState === 'no_stream' ? -1 : typeof streamState === 'bigint' ? Number(streamState) : undefined;
    if (after === undefined) return undefined;
    const stored = stream.slice(after + 1, after + 1 + events.length);
    if (stored.length !== events.length || stored.some((r, i) => r.id !== events[i]!.id.toLowerCase())) return undefined;
    const last = stored[stored.length - 1]!;
    return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position, prepare: last.position } };
  }

  private afterWrite(): void {
    // The server writes its own statistics events into $all now and then, between the ledger's.
    if (++this.appends % this.statsEvery === 0) this.writeSystem('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-cpu': 1.5 });
    for (const subscription of this.subscriptions) setImmediate(() => subscription.pump());
  }

  private writeSystem(streamName: string, type: string, data: Record<string, unknown>): void {
    this.log.write(streamName, [{ id: crypto.randomUUID(), contentType: 'application/json', type, data, metadata: undefined }], new Date());
  }

  /** Hands records out one by one, as the client does, failing if the connection drops meanwhile. */
  private async *streamOut(records: readonly LogRecord[]): AsyncGenerator<AllStreamResolvedEvent> {
    const connection = this.connection;
    for (const record of records) {
      if (this.connection !== connection) throw connectionLost();
      yield resolved(record);
    }
  }

  private assertReachable(): void {
    if (this.down) throw serverUnreachable();
  }
}

/** A stream's revision as the server reports it: 'no_stream' before its first event. */
const currentState = (stream: readonly unknown[]): CurrentStreamState => (stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1));

/** Whether a stream at `current` may be written with `expected`: the server's check of an expected state (as appendToStream's). */
function stateHolds(expected: AppendToStreamOptions['streamState'] & {}, current: CurrentStreamState): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && current === 'no_stream') ||
    (expected === 'stream_exists' && current !== 'no_stream') ||
    (typeof expected === 'bigint' && current === expected)
  );
}

/**
 * The client's check before a multi-stream append or appendRecords: metadata must be absent
 * or a plain object of string values (dist/streams/appendToStream/multiStreamAppend.js).
 */
function assertStringMetadata(call: string, events: readonly EventData[]): void {
  for (const { metadata } of events) {
    if (metadata == null) continue;
    if (metadata.constructor === Uint8Array || typeof metadata !== 'object' || Array.isArray(metadata) || Object.values(metadata).some((v) => typeof v !== 'string')) {
      throw new Error(`${call} requires metadata to be a plain object with string keys and string values.`);
    }
  }
}

/** An event as the server stores one of a multi-stream append or appendRecords: its properties as JSON metadata, plus the schema's. */
function withSchemaProperties(event: EventData): EventData {
  return { ...event, metadata: { ...(event.metadata as Record<string, string> | undefined), '$schema.format': 'Json', '$schema.name': event.type } };
}

/** A stream state as the v2 protocol sends it: -1 no stream, -2 any, -4 stream exists, else the revision. */
function wireState(state: AppendStreamState): string {
  if (state === 'no_stream') return '-1';
  if (state === 'any') return '-2';
  if (state === 'stream_exists') return '-4';
  return state.toString(10);
}

function appendSize(events: readonly EventData[]): number {
  const bytes = (value: unknown) => (value === undefined ? 0 : value instanceof Uint8Array ? value.length : Buffer.byteLength(JSON.stringify(value)));
  return events.reduce((sum, e) => sum + bytes(e.data) + bytes(e.metadata), 0);
}

/** The gRPC error under the client's TransactionMaxSizeExceededError (status 10, ABORTED, with details). */
function transactionTooLarge(size: number): never {
  return Object.assign(new Error(`10 ABORTED: append transaction of ${size} bytes exceeds the maximum of ${MAX_APPEND_SIZE}`), { code: 10 }) as never;
}

/** What the client raises when a call's connection is lost (gRPC status 14, UNAVAILABLE). */
function connectionLost(): UnavailableError {
  return new UnavailableError(Object.assign(new Error('14 UNAVAILABLE: Connection dropped'), { code: 14, details: 'Connection dropped' }) as never);
}

/** What the client raises when a follower refuses a call that requires the leader (from the bridge, on reads). */
function notLeader(): NotLeaderError {
  const error = Object.assign(new Error('You tried to execute a command that requires a leader node on a follower node. New leader: node2:2113'), {
    name: 'NotLeaderError',
    metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' },
  });
  return new NotLeaderError(error as never);
}

/** What the client raises when no server answers at its address. */
function serverUnreachable(): UnavailableError {
  return new UnavailableError(
    Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established' }) as never,
  );
}

/** The server's refusal to read $all from an offset where no event is (kurrent-io/KurrentDB#4128). */
function invalidPosition(): UnknownError {
  return new UnknownError(Object.assign(new Error('Trying to read from an invalid position.'), { name: 'Error' }) as never);
}

/** Every call to the server answers on a later turn of the event loop, never synchronously. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
