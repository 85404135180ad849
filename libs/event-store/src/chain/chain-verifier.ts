import type { RecordedEvent } from '../event-store.port.js';
import type { ChainProblem } from './chain-problem.js';
import { eventHash, GENESIS_HASH } from './event-hash.js';

/** A stream's last event seen so far. */
export interface StreamHead {
  streamId: string;
  revision: number;
  hash: string;
}

/**
 * Checks the log one event at a time, in position order, and keeps each stream's head.
 * Pure and synchronous: the store reading and the checkpoints are verify-chains.ts's job.
 * Each event is checked against what is stored before it (the predecessor's stored hash),
 * so the first event reported is the first one that does not fit.
 */
export interface ChainVerifierOptions {
  /**
   * Whether commit times never decrease in position order across the whole log (SQLite and
   * in-memory stores promise it). KurrentDB promises it within each stream only: its
   * commit time comes from the writing process's clock. Within a stream it is always checked.
   */
  globalTimeOrder?: boolean;
}

export class ChainVerifier {
  private readonly heads = new Map<string, StreamHead & { recordedAt: string }>();
  private readonly globalTimeOrder: boolean;
  private lastPosition = 0;
  private lastRecordedAt = '';
  private eventCount = 0;

  constructor(options: ChainVerifierOptions = {}) {
    this.globalTimeOrder = options.globalTimeOrder ?? true;
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
    if (!(event.position > this.lastPosition)) {
      return {
        code: 'CHAIN.POSITION_NOT_INCREASING',
        message: `Position ${event.position} comes after position ${this.lastPosition}`,
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
    this.heads.set(event.streamId, { streamId: event.streamId, revision: event.revision, hash: event.hash, recordedAt: event.recordedAt });
    this.lastPosition = event.position;
    this.lastRecordedAt = event.recordedAt;
    this.eventCount++;
    return undefined;
  }

  /** Every stream's head so far, by stream id (code-unit order, as canonical JSON sorts keys). */
  currentHeads(): StreamHead[] {
    return [...this.heads.values()]
      .map(({ streamId, revision, hash }) => ({ streamId, revision, hash }))
      .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  }
}
