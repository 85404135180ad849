import type { RecordedEvent } from '#event-store';
import type { EventSelection } from '../event-selection.js';

export interface DurableSubscriptionRecord {
  name: string;
  selection: EventSelection;
  /** The position it was created at: it receives events after this one. */
  startPosition: number;
  /** Every selected event at or below it is settled (acked or parked). */
  checkpoint: number;
  maxRetries: number;
  maxInFlight: number;
  createdAt: string;
  createdBy: string;
}

export interface ParkedEventRecord {
  position: number;
  /** The event as stored: it is read (upcast) again when replayed. */
  event: RecordedEvent;
  reason: string;
  /** Deliveries it had when it was parked. */
  attempts: number;
  parkedAt: string;
  replayRequestedAt?: string;
}

export interface SessionState {
  checkpoint: number;
  settledAbove: Set<number>;
  nacks: Map<number, number>;
  replays: ParkedEventRecord[];
  /**
   * Which subscription of the name this is (one deleted and created again is another): a
   * session writes under it, and ends once the store holds another or none. Undefined where
   * one process keeps the state (its own delete ends its session).
   */
  incarnation?: string;
}

/**
 * A write for a subscription deleted since the writer read it (it may have been created again
 * under its name): refused, so that nothing of the old one lands on the new one.
 */
export class SubscriptionGoneError extends Error {
  constructor(readonly subscription: string) {
    super(`The durable subscription ${subscription} was deleted`);
    this.name = 'SubscriptionGoneError';
  }
}

/** A SQLite store answers at once; one kept in the event store answers after a round trip. */
type Awaitable<T> = T | Promise<T>;

/**
 * What durable subscriptions need kept so that it survives a restart (and, on KurrentDB, a
 * consumer moving to another replica): their definitions, checkpoints, the events settled out
 * of order above a checkpoint, nack counts, and parked events. Two implementations:
 * DurableSubscriptionStore (`subscriptions.sqlite`, one process's) and
 * EventStreamSubscriptionStates (streams of the ledger's own store, every replica's).
 *
 * The writes a session makes name the incarnation it read (SessionState.incarnation): a store
 * that keeps incarnations refuses one of an incarnation it no longer has (SubscriptionGoneError).
 * Each write is stored when its promise settles: an ack is answered only after its commit.
 * A write that fails leaves the state as it was. Settling is order-independent (the settled
 * positions only grow, the checkpoint only moves forward), so writers that do not see each
 * other's writes never undo them.
 */
export interface DurableSubscriptionStates {
  /**
   * True when other processes (replicas) write the same state: a session then looks at the
   * store for acks and replay requests made through them.
   */
  readonly shared?: boolean;
  /** Stores a new subscription; refused (an error) when the name is taken. */
  insert(record: Omit<DurableSubscriptionRecord, 'createdAt' | 'checkpoint'>): Awaitable<DurableSubscriptionRecord>;
  get(name: string): Awaitable<DurableSubscriptionRecord | undefined>;
  /** Every subscription, by name. */
  list(): Awaitable<DurableSubscriptionRecord[]>;
  /** Forgets the subscription, its checkpoint, nacks and parked events; false when there was none. */
  delete(name: string): Awaitable<boolean>;
  /** What a session starts from (and, shared, what it looks at for other replicas' writes): as the store has it now. */
  sessionState(name: string): Awaitable<SessionState>;
  /**
   * Records positions settled above the checkpoint and moves the checkpoint (never back);
   * what falls at or below it is forgotten.
   */
  settle(name: string, positions: readonly number[], checkpoint: number, incarnation?: string): Awaitable<void>;
  /** Counts one more nack of an event and returns the count. */
  recordNack(name: string, position: number, reason: string, incarnation?: string): Awaitable<number>;
  /** Parks the event and settles it (with the checkpoint that then holds), in one write. */
  park(name: string, event: RecordedEvent, reason: string, attempts: number, checkpoint: number, incarnation?: string): Awaitable<void>;
  /** A replayed event failed again: it stays parked, with the new reason, until replayed again. */
  repark(name: string, position: number, reason: string, attempts: number, incarnation?: string): Awaitable<void>;
  /** A replayed event was handled: it is parked no more. */
  unpark(name: string, position: number, incarnation?: string): Awaitable<boolean>;
  listParked(name: string): Awaitable<ParkedEventRecord[]>;
  countParked(name: string): Awaitable<number>;
  /** Marks parked events for replay (all of them when `positions` is undefined); returns those marked. */
  requestReplay(name: string, positions?: readonly number[]): Awaitable<ParkedEventRecord[]>;
}
