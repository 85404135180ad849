import {
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult,
  type AppendToStreamOptions,
  type CurrentStreamState,
  type EventData,
  type EventType,
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
    const current: CurrentStreamState = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    const repeat = this.sameWriteAgain(stream, events, streamState);
    if (repeat) return repeat;
    // The server checks the expected state against the stream's current revision, atomically with the write.
    const expectedHolds =
      streamState === 'any' ||
      (streamState === 'no_stream' && current === 'no_stream') ||
      (streamState === 'stream_exists' && current !== 'no_stream') ||
      (typeof streamState === 'bigint' && current === streamState);
    if (!expectedHolds) {
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

function appendSize(events: readonly EventData[]): number {
  const bytes = (value: unknown) => (value === undefined ? 0 : value instanceof Uint8Array ? value.length : Buffer.byteLength(JSON.stringify(value)));
  return events.reduce((sum, e) => sum + bytes(e.data) + bytes(e.metadata), 0);
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
