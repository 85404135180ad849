import type { RecordedEvent } from '../event-store.port.js';
import type { ChainProblem } from './chain-problem.js';
import type { DisposalLookup } from '../disposal/disposal-record.js';
import { eventHash, GENESIS_HASH } from './event-hash.js';

/** A stream's last event seen so far. */
export interface StreamHead {
  streamId: string;
  revision: number;
  hash: string;
  recordedAt: string;
}

/**
 * Where the verifier keeps each stream's head: a Map for one pass over the log, the proofs
 * file for the log tree's follower, which checks events as they come over days.
 */
export interface StreamHeads {
  get(streamId: string): StreamHead | undefined;
  set(head: StreamHead): void;
  readonly size: number;
}

export interface ChainVerifierOptions {
  /**
   * Whether commit times never decrease in position order across the whole log (SQLite and
   * in-memory stores promise it). KurrentDB promises it within each stream only: its
   * commit time comes from the writing process's clock. Within a stream it is always checked.
   */
  globalTimeOrder?: boolean;
  /**
   * Whether positions are 1, 2, 3… with no gap (SQLite, in memory). Then a renumbered
   * event is caught too: positions are cursors callers keep, and no hash covers them.
   */
  densePositions?: boolean;
  heads?: StreamHeads;
  /**
   * The recorded disposals (DisposalRegistry.lookup), read before the pass: an emptied event
   * is accepted only with the hash the disposal that names it recorded. Without it, every
   * emptied event is a problem.
   */
  disposals?: DisposalLookup;
  /** Where a previous pass stopped: the last event it accepted. */
  resumeAfter?: { position: number; recordedAt: string; events: number };
}

/**
 * Checks the log one event at a time, in position order, against each stream's head.
 * Pure and synchronous: reading the store is the caller's job. Each event is checked
 * against what is stored before it (the predecessor's stored hash), so the first event
 * reported is the first one that does not fit.
 */
export class ChainVerifier {
  private readonly heads: StreamHeads;
  private readonly globalTimeOrder: boolean;
  private readonly densePositions: boolean;
  private readonly disposals: DisposalLookup;
  private lastPosition: number;
  private lastRecordedAt: string;
  private eventCount: number;

  constructor(options: ChainVerifierOptions = {}) {
    this.globalTimeOrder = options.globalTimeOrder ?? true;
    this.densePositions = options.densePositions ?? false;
    this.heads = options.heads ?? mapHeads();
    this.disposals = options.disposals ?? (() => undefined);
    this.lastPosition = options.resumeAfter?.position ?? 0;
    this.lastRecordedAt = options.resumeAfter?.recordedAt ?? '';
    this.eventCount = options.resumeAfter?.events ?? 0;
  }

  get events(): number {
    return this.eventCount;
  }

  get streams(): number {
    return this.heads.size;
  }

  /** Undefined when the event fits; the problem otherwise (the verifier state is then left as it was). */
  check(event: RecordedEvent): ChainProblem | undefined {
    const at = { streamId: event.streamId, revision: event.revision, position: event.position, eventId: event.eventId };
    const expectedPosition = this.lastPosition + 1;
    if (this.densePositions ? event.position !== expectedPosition : !(event.position > this.lastPosition)) {
      return {
        code: 'CHAIN.POSITION_NOT_INCREASING',
        message: this.densePositions
          ? `Position ${event.position} where ${expectedPosition} should be: events were renumbered, moved or removed`
          : `Position ${event.position} comes after position ${this.lastPosition}`,
        ...at,
      };
    }
    const head = this.heads.get(event.streamId);
    // ISO-8601 UTC strings of the store's one shape compare like the instants they name.
    const before = this.globalTimeOrder
      ? { recordedAt: this.lastRecordedAt, what: `the event at position ${this.lastPosition}` }
      : head && { recordedAt: head.recordedAt, what: `revision ${head.revision} of its stream` };
    if (before && event.recordedAt < before.recordedAt) {
      return {
        code: 'CHAIN.RECORDED_AT_DECREASES',
        message: `Recorded at ${event.recordedAt}, before ${before.what} (${before.recordedAt})`,
        ...at,
      };
    }
    const expectedRevision = head ? head.revision + 1 : 0;
    if (event.revision !== expectedRevision) {
      const why =
        event.revision > expectedRevision
          ? `revision ${expectedRevision} is missing (deleted, or moved after this position)`
          : `revision ${event.revision} was already seen or should have come earlier (moved)`;
      return {
        code: 'CHAIN.UNEXPECTED_REVISION',
        message: `${event.streamId}: expected revision ${expectedRevision} at position ${event.position}, found ${event.revision}: ${why}`,
        ...at,
        expectedRevision,
      };
    }
    const problem = event.disposal ? this.checkDisposed(event, at) : this.checkHash(event, head, at);
    if (problem) return problem;
    this.heads.set({ streamId: event.streamId, revision: event.revision, hash: event.hash, recordedAt: event.recordedAt });
    this.lastPosition = event.position;
    this.lastRecordedAt = event.recordedAt;
    this.eventCount++;
    return undefined;
  }

  private checkHash(event: RecordedEvent, head: StreamHead | undefined, at: EventPlace): ChainProblem | undefined {
    const expectedHash = eventHash({
      previousHash: head?.hash ?? GENESIS_HASH,
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      recordedAt: event.recordedAt,
    });
    if (event.hash !== expectedHash) {
      return {
        code: 'CHAIN.HASH_MISMATCH',
        message: `${event.streamId}@${event.revision} (position ${event.position}) does not match its hash: it was altered after it was recorded`,
        ...at,
        expectedHash,
        foundHash: event.hash,
      };
    }
    return undefined;
  }

  /**
   * An emptied event's hash can no longer be recomputed; it stands if the disposal that
   * emptied it is recorded and recorded this very hash. That disposal is an event of the
   * log, chained and a leaf of the tree like any other, so it cannot be added or edited
   * later unseen; the next event of the stream still links to this hash, and the tree's
   * leaf and the signed checkpoints still pin it.
   */
  private checkDisposed(event: RecordedEvent, at: EventPlace): ChainProblem | undefined {
    const recorded = this.disposals(event.eventId);
    const claimed = event.disposal!.disposalEventId;
    if (!recorded || recorded.disposalEventId !== claimed) {
      return {
        code: 'CHAIN.DISPOSAL_UNRECORDED',
        message:
          `${event.streamId}@${event.revision} (position ${event.position}) is emptied as if disposed of by ${claimed}, ` +
          (recorded ? `but the disposal that names it is ${recorded.disposalEventId}` : 'but no recorded disposal names it') +
          ': its payload was removed outside a recorded disposal',
        ...at,
      };
    }
    // What the hash covered and the row still shows must be as the disposal recorded it, and the
    // payload must stay empty: a payload written back under a disposal no hash covers.
    const was = recorded.event;
    const changed: string[] = (['hash', 'streamId', 'revision', 'position', 'type', 'recordedAt'] as const).filter((field) => was[field] !== event[field]);
    if (!isEmptyObject(event.data)) changed.push('data');
    if (!isEmptyObject(event.metadata)) changed.push('metadata');
    if (changed.length > 0) {
      return {
        code: 'CHAIN.HASH_MISMATCH',
        message:
          `${event.streamId}@${event.revision} (position ${event.position}) is not as its disposal ${claimed} recorded it ` +
          `(${changed.join(', ')} changed): it was altered after it was disposed of`,
        ...at,
        expectedHash: was.hash,
        foundHash: event.hash,
      };
    }
    return undefined;
  }
}

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

type EventPlace = Pick<ChainProblem, 'streamId' | 'revision' | 'position' | 'eventId'>;

function mapHeads(): StreamHeads {
  const heads = new Map<string, StreamHead>();
  return {
    get: (streamId) => heads.get(streamId),
    set: (head) => void heads.set(head.streamId, head),
    get size() {
      return heads.size;
    },
  };
}
