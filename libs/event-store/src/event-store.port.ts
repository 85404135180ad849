import type { ChainProblem } from './chain/chain-problem.js';

/**
 * The one port every event store adapter implements (sqlite, in-memory, kurrentdb).
 * Semantics follow KurrentDB so that all adapters agree:
 * - a stream revision is 0-based; the first event of a stream has revision 0;
 * - a global position orders every event of the store; positions grow with commit
 *   order and are never filled in later (a reader never sees a gap closed behind it);
 * - `from` positions are exclusive: reading from p yields events after p;
 *   position 0 is "before the first event".
 * Positions are numbers inside the process; the public API shows them as opaque cursors.
 * They are 1, 2, 3… on SQLite and in memory, KurrentDB's log offsets (with gaps) on KurrentDB:
 * compare them, never count with them.
 */

export type ExpectedRevision =
  /** The stream must not exist. */
  | 'no_stream'
  /** The stream must exist, whatever its revision. */
  | 'stream_exists'
  /** No check (only for streams nobody else writes; commands never use it). */
  | 'any'
  /** The stream's last revision must be exactly this. */
  | number;

export type JsonObject = { [key: string]: unknown };

/** Who and what caused an event; the actor always comes from the authenticated caller. */
export interface EventMetadata {
  actor: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** Anything else a caller adds (e.g. the command's fingerprint). */
  [key: string]: unknown;
}

export interface NewEvent {
  /**
   * A lowercase UUID (KurrentDB accepts nothing else), meant to be unique across the whole
   * store. SQLite and the in-memory store refuse one already stored anywhere; KurrentDB only
   * one among the last events of the stream written to (a retried write): see
   * AdapterTraits.eventIds in testing/contract-fixtures.ts.
   */
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  /** The store's commit time (ISO-8601, UTC). */
  recordedAt: string;
  /**
   * SHA-256 (hex) chaining this event to the previous one of its stream: see
   * chain/event-hash.ts. Computed by the store inside the append, so no writer can skip it.
   */
  hash: string;
  /**
   * Set once a recorded disposal has emptied the event (disposal/disposal-record.ts): its
   * data and metadata are then `{}`, and its hash is the one it was recorded with.
   */
  disposal?: DisposalMark;
}

/** What the store keeps on an emptied event: which disposal emptied it, and when (disposal/disposal-record.ts). */
export interface DisposalMark {
  /** The id and position of the `EventsDisposed.v1` event that names this event. */
  disposalEventId: string;
  disposalPosition: number;
  /** That disposal's commit time. */
  disposedAt: string;
}

/** An event to empty, as the caller read it: the store refuses the disposal unless each is still so. */
export interface DisposalTarget {
  eventId: string;
  position: number;
  hash: string;
}

/**
 * A disposal: the payloads of `targets` are removed and one `EventsDisposed.v1` event is
 * appended to the disposal stream with `data` (why, by which schedule) plus the list of
 * what was emptied, as the store found it. All of it or nothing.
 */
export interface PayloadDisposal {
  eventId: string;
  data: JsonObject;
  metadata: EventMetadata;
  targets: readonly DisposalTarget[];
}

export interface AppendResult {
  streamId: string;
  /** Revision of the first event written. */
  firstRevision: number;
  /** Revision of the last event written: the expected revision for the next append. */
  nextExpectedRevision: number;
  /** Global position of the first and last events written. */
  firstPosition: number;
  lastPosition: number;
}

export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision (forwards: from the start; backwards: from the end, by default). */
  fromRevision?: number;
  maxCount?: number;
}

/**
 * Every criterion given must hold; each lists alternatives. An omitted criterion matches
 * everything, an empty list matches nothing.
 */
export interface EventFilter {
  /** Stream categories: the part of the stream id before the first '-'. */
  categories?: string[];
  eventTypes?: string[];
  streamIds?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: yield events after this position. Default 0 (from the start). */
  after?: number;
  /** Stop after this many events. */
  maxCount?: number;
  filter?: EventFilter;
}

export interface SubscribeOptions {
  /** 'start', 'end' (only events appended from now on) or a position (exclusive). */
  from: 'start' | 'end' | number;
  filter?: EventFilter;
}

/**
 * A catch-up subscription: yields history after `from`, then live events, in position
 * order, with no gap and no duplicate at the seam between the two. `close()` ends the
 * iteration.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): void;
  /**
   * Set while the subscription cannot reach the store and tries again on its own (the
   * KurrentDB adapter re-subscribes inside the subscription after a dropped connection),
   * so that whoever follows the log can say it is not receiving; unset while it delivers.
   */
  readonly interruption?: SubscriptionInterruption;
}

export interface SubscriptionInterruption {
  failure: unknown;
  since: Date;
}

export interface EventStore {
  /**
   * Appends atomically (all events or none) if the stream is at `expectedRevision`.
   * `events` must not be empty: an empty append has no revision or position to report.
   */
  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;

  /**
   * Appends to several streams in one atomic write: every expected revision holds and
   * everything is written, or nothing is. Bulk import uses it to commit in batches.
   * Results come in the order of `appends`; two appends to the same stream apply in
   * order, the second checked against the first's result.
   * NOT atomic on KurrentDB (KurrentDbEventStore): there the appends are written one by one,
   * in order, stopping at the first refusal, and the ones before it stay written. Callers
   * that retry a failed batch must tolerate finding part of it stored (bulk import does).
   * Bad input is refused before anything is written, on every adapter.
   */
  appendMany(appends: StreamAppend[]): Promise<AppendResult[]>;

  /** A stream's events; an empty list when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Whole streams, each as `readStream` gives it (an empty list for one that does not
   * exist), keyed by the ids asked for. Offered by an adapter that reads many streams
   * for about the price of one (SQLite: one statement, one snapshot), for bulk import,
   * which loads every stream of a batch; callers without it read stream by stream.
   */
  readStreams?(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;

  /**
   * The global log in position order, read lazily in pages. Not a snapshot: events
   * appended while iterating may be included.
   */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** Position of the last event in the store (0 when empty). */
  headPosition(): Promise<number>;

  subscribe(options: SubscribeOptions): EventSubscription;

  /**
   * Checks of its own storage that no event hash covers, for verification: SQLite checks
   * that its schema is the one it made and (`thorough`) that its indexes agree with its
   * rows. Stores that keep nothing an operator can edit (in memory; KurrentDB, whose files
   * are the server's) leave it out.
   */
  checkStorage?(options: { thorough: boolean }): Promise<ChainProblem | undefined>;

  /**
   * Empties the payload of recorded events and records the disposal, in one atomic write
   * (disposal/disposal-record.ts). Offered by stores that can rewrite a stored event in place
   * (SQLite, in memory); KurrentDB cannot, so it leaves it out and disposal is refused there.
   */
  disposePayloads?(disposal: PayloadDisposal): Promise<AppendResult>;

  close(): Promise<void>;
}
