import type { RecordedEvent } from '#event-store';
import type { FeedReader } from '../feed-reader.js';
import { SubscriptionGoneError, type DurableSubscriptionRecord, type DurableSubscriptionStates, type ParkedEventRecord, type SessionState } from './durable-subscription-states.js';
import { notInFlight } from './subscription.errors.js';

export interface DurableDelivery {
  event: RecordedEvent;
  /** 1 on the first delivery, one more after each nack. */
  attempt: number;
  /** An admin replays a parked event. */
  replay: boolean;
}

export type NackOutcome = { outcome: 'retry' | 'parked'; attempts: number };

export type SessionEndReason = 'replaced' | 'deleted' | 'shutdown' | 'disconnected';

interface InFlight {
  event: RecordedEvent;
  /** Nacks so far. */
  nacks: number;
  replay: boolean;
}

/** How a wait for a signal or a store check ended. */
type WaitEnd = 'signal' | 'due' | 'stopped';

/** Settled events remembered behind an unsettled one: past this, delivery waits for the consumer. */
const MAX_UNCHECKPOINTED_FACTOR = 10;

/**
 * One consumer connected to a durable subscription. Delivery is at-least-once, with at
 * most `maxInFlight` events delivered and not yet settled. The checkpoint moves over an
 * event once it and everything before it is settled (acked, or parked after
 * `maxRetries` nacks); events acked out of order above the checkpoint are remembered too,
 * so after a restart only events never acked come again.
 */
export class DurableSession {
  private readonly inFlight = new Map<number, InFlight>();
  /** Delivered (or skipped) positions in log order, not yet behind the checkpoint. */
  private readonly order: { position: number; settled: boolean }[] = [];
  private readonly settledAbove: Set<number>;
  private readonly nacks: Map<number, number>;
  private readonly retries: number[] = [];
  private readonly replays: ParkedEventRecord[] = [];
  /** Replayed events acked here whose unpark is being written: the store still shows them asked for. */
  private readonly unparking = new Set<number>();
  private checkpoint: number;
  /** The subscription this session delivers (not another created since under its name): its writes name it. */
  private readonly incarnation: string | undefined;
  private closed = false;
  private wake: (() => void) | undefined;
  /** The wait for a signal or the next store check under way: ended when a read comes first, so no timer is left behind. */
  private waiting: { end: (how: WaitEnd) => void } | undefined;
  /** When the session last looked at the shared store (its start counts: it read the store then). */
  private lastStoreCheck = Date.now();
  endReason: SessionEndReason | undefined;

  /** `state`: the store's session state of the subscription, read before the reader was opened. */
  constructor(
    readonly subscription: DurableSubscriptionRecord,
    state: SessionState,
    private readonly store: DurableSubscriptionStates,
    private readonly reader: FeedReader,
    private readonly onClose: (session: DurableSession) => void,
    /**
     * Set when other processes write the same state (replicas sharing it): while it waits, the
     * session looks at the store this often for acks and replay requests made on another
     * replica, so events acked there free its window here.
     */
    private readonly storeCheckMs?: number,
  ) {
    this.checkpoint = state.checkpoint;
    this.incarnation = state.incarnation;
    this.settledAbove = state.settledAbove;
    this.nacks = state.nacks;
    this.replays.push(...state.replays);
  }

  get name(): string {
    return this.subscription.name;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** The deliveries to send, in batches, until the session ends. */
  async *deliveries(): AsyncGenerator<DurableDelivery[], void, undefined> {
    const source = this.reader[Symbol.asyncIterator]();
    let pendingRead: Promise<IteratorResult<RecordedEvent[]>> | undefined;
    let unread: RecordedEvent[] = [];
    try {
      while (!this.closed) {
        const batch = [...this.redeliveries(), ...this.replayDeliveries()];
        while (this.room() > 0 && unread.length > 0) {
          const delivery = this.deliverNew(unread.shift()!);
          if (delivery) batch.push(delivery);
        }
        if (batch.length > 0) {
          yield batch;
          continue;
        }
        if (unread.length > 0 || this.room() === 0) {
          await this.nextSignalOrStoreCheck();
          continue;
        }
        pendingRead ??= source.next();
        const read = await Promise.race([pendingRead, this.nextSignalOrStoreCheck().then(() => undefined)]);
        // The read came first: the wait ends here (its timer with it), the next one starts afresh.
        this.stopWaiting();
        if (read === undefined) continue;
        pendingRead = undefined;
        if (read.done) return;
        unread = read.value;
      }
    } finally {
      this.stopWaiting();
      this.close('disconnected');
      await source.return?.();
    }
  }

  /** Settles events; resolves once the store holds it. */
  async ack(positions: readonly number[]): Promise<void> {
    const settled: number[] = [];
    const unparked: number[] = [];
    for (const position of positions) {
      const replayed = this.inFlight.get(position);
      if (replayed?.replay) {
        this.inFlight.delete(position);
        this.forgetRetry(position);
        unparked.push(position);
      } else if (this.settle(position) || (position > this.checkpoint && !this.settledAbove.has(position))) {
        this.settledAbove.add(position);
        settled.push(position);
      }
    }
    // Settled here first, so that a delivery or another ack meanwhile sees it settled.
    const unpark = async (position: number) => {
      this.unparking.add(position);
      try {
        await this.store.unpark(this.name, position, this.incarnation);
      } finally {
        this.unparking.delete(position);
      }
    };
    const writes = [this.advance(settled), ...unparked.map(unpark)];
    this.signal();
    await Promise.all(writes);
  }

  async nack(position: number, reason: string): Promise<NackOutcome> {
    const delivered = this.inFlight.get(position);
    if (!delivered) throw notInFlight(this.name);
    const nacks = delivered.replay ? delivered.nacks + 1 : await this.store.recordNack(this.name, position, reason, this.incarnation);
    delivered.nacks = nacks;
    const attempts = nacks;
    if (nacks <= this.subscription.maxRetries) {
      if (!this.retries.includes(position)) this.retries.push(position);
      this.signal();
      return { outcome: 'retry', attempts };
    }
    if (delivered.replay) {
      await this.store.repark(this.name, position, reason, attempts, this.incarnation);
      this.inFlight.delete(position);
    } else {
      await this.park(delivered.event, reason, attempts);
    }
    this.signal();
    return { outcome: 'parked', attempts };
  }

  /** Parked events an admin asked to replay, delivered before new events. */
  replay(parked: readonly ParkedEventRecord[]): void {
    for (const record of parked) {
      if (!this.inFlight.has(record.position) && !this.replays.some((queued) => queued.position === record.position)) {
        this.replays.push(record);
      }
    }
    this.signal();
  }

  close(reason: SessionEndReason): void {
    if (this.closed) return;
    this.closed = true;
    this.endReason = reason;
    this.reader.close();
    this.signal();
    this.onClose(this);
  }

  private room(): number {
    const window = this.subscription.maxInFlight - this.inFlight.size;
    const remembered = this.subscription.maxInFlight * MAX_UNCHECKPOINTED_FACTOR - this.order.length;
    return Math.min(window, remembered);
  }

  private redeliveries(): DurableDelivery[] {
    return this.retries.splice(0).flatMap((position) => {
      const delivered = this.inFlight.get(position);
      return delivered ? [{ event: delivered.event, attempt: delivered.nacks + 1, replay: delivered.replay }] : [];
    });
  }

  private replayDeliveries(): DurableDelivery[] {
    const deliveries: DurableDelivery[] = [];
    while (this.room() > 0 && this.replays.length > 0) {
      const { event, position } = this.replays.shift()!;
      this.inFlight.set(position, { event, nacks: 0, replay: true });
      deliveries.push({ event, attempt: 1, replay: true });
    }
    return deliveries;
  }

  /** An event read from the log: delivered, or passed over when it was settled before a restart. */
  private deliverNew(event: RecordedEvent): DurableDelivery | undefined {
    if (event.position <= this.checkpoint) return undefined;
    if (this.settledAbove.has(event.position)) {
      this.order.push({ position: event.position, settled: true });
      // Nobody waits for this write: should it fail, the next ack stores the checkpoint with its own.
      this.advance([]).catch(() => undefined);
      return undefined;
    }
    const nacks = this.nacks.get(event.position) ?? 0;
    this.inFlight.set(event.position, { event, nacks, replay: false });
    this.order.push({ position: event.position, settled: false });
    return { event, attempt: nacks + 1, replay: false };
  }

  /** Marks a delivered event settled; false when it was not in flight. */
  private settle(position: number): boolean {
    const delivered = this.inFlight.get(position);
    if (!delivered || delivered.replay) return false;
    this.inFlight.delete(position);
    this.forgetRetry(position);
    const entry = this.order.find((candidate) => candidate.position === position);
    if (entry) entry.settled = true;
    return true;
  }

  private forgetRetry(position: number): void {
    const queued = this.retries.indexOf(position);
    if (queued !== -1) this.retries.splice(queued, 1);
  }

  private moveCheckpoint(): void {
    while (this.order.length > 0 && this.order[0]!.settled) {
      this.checkpoint = this.order.shift()!.position;
      this.settledAbove.delete(this.checkpoint);
    }
    for (const position of this.settledAbove) if (position <= this.checkpoint) this.settledAbove.delete(position);
  }

  /** Moves the checkpoint over what is settled, and stores it (the promise: once stored). */
  private async advance(settled: readonly number[]): Promise<void> {
    const before = this.checkpoint;
    this.moveCheckpoint();
    if (settled.length > 0 || this.checkpoint !== before) await this.store.settle(this.name, settled, this.checkpoint, this.incarnation);
  }

  /**
   * Parks the event, then settles it here: a park that fails to be written (a full disk)
   * leaves it in flight, to be nacked again. Settled here first, the checkpoint a later
   * ack writes would pass over an event parked nowhere: skipped.
   */
  private async park(event: RecordedEvent, reason: string, attempts: number): Promise<void> {
    await this.store.park(this.name, event, reason, attempts, this.checkpointOnceSettled(event.position), this.incarnation);
    this.settle(event.position);
    this.moveCheckpoint();
    if (event.position > this.checkpoint) this.settledAbove.add(event.position);
  }

  /** Where the checkpoint will be once `position` is settled too. */
  private checkpointOnceSettled(position: number): number {
    let checkpoint = this.checkpoint;
    for (const entry of this.order) {
      if (!entry.settled && entry.position !== position) break;
      checkpoint = entry.position;
    }
    return checkpoint;
  }

  private signal(): void {
    this.wake?.();
  }

  /**
   * The next signal, or (state shared with replicas) the next look at the store, whichever
   * comes first. The store is looked at once `storeCheckMs` have passed since the last look,
   * whatever woke the session: batches read or acks made here keep coming, and neither may
   * hold the look off, nor bring one more often.
   */
  private async nextSignalOrStoreCheck(): Promise<void> {
    if (this.storeCheckMs === undefined) return this.nextSignal();
    const untilCheck = this.storeCheckMs - (Date.now() - this.lastStoreCheck);
    if (untilCheck > 0) {
      const ended = await new Promise<WaitEnd>((resolve) => {
        const end = (how: WaitEnd) => {
          clearTimeout(timer);
          if (this.waiting === waiting) this.waiting = undefined;
          if (this.wake === wake) this.wake = undefined;
          resolve(how);
        };
        const timer = setTimeout(() => end('due'), untilCheck);
        const waiting = { end };
        const wake = () => end('signal');
        this.waiting = waiting;
        this.wake = wake;
      });
      // A read came first: the loop went on without this wait.
      if (ended === 'stopped') return;
    }
    if (this.closed || Date.now() - this.lastStoreCheck < this.storeCheckMs) return;
    this.lastStoreCheck = Date.now();
    await this.takeSettlementsMadeElsewhere();
  }

  /** Ends the wait under way, if any, without a look at the store. */
  private stopWaiting(): void {
    this.waiting?.end('stopped');
  }

  /**
   * Acks and replay requests that reached another replica (the store has them, this session
   * does not): events it has out that are settled there are settled here, without writing
   * them again; replays it has out that are unparked there are dropped; parked events asked
   * for are queued. The subscription deleted there (and
   * maybe created again) ends the session, 'deleted'. Should the store not answer, the next
   * look tries again (the feed reports a store that is gone).
   */
  private async takeSettlementsMadeElsewhere(): Promise<void> {
    // Replays out before the look: one delivered meanwhile may be asked for after what it reads.
    const replaysOut = [...this.inFlight].filter(([, delivered]) => delivered.replay);
    let state: SessionState;
    try {
      state = await this.store.sessionState(this.name);
    } catch (error) {
      if (error instanceof SubscriptionGoneError) this.close('deleted');
      return;
    }
    if (this.closed) return;
    if (state.incarnation !== this.incarnation) {
      this.close('deleted');
      return;
    }
    const settled = [...this.inFlight]
      .filter(([position, delivered]) => !delivered.replay && (position <= state.checkpoint || state.settledAbove.has(position)))
      .map(([position]) => position);
    for (const position of settled) {
      this.settle(position);
      if (position > this.checkpoint) this.settledAbove.add(position);
    }
    if (settled.length > 0) this.advance([]).catch(() => undefined);
    // Replays acked on another replica are parked no more there: they leave this window.
    const stillAsked = new Set(state.replays.map((parked) => parked.position));
    for (const [position, delivered] of replaysOut) {
      if (this.inFlight.get(position) === delivered && !stillAsked.has(position) && !this.unparking.has(position)) {
        this.inFlight.delete(position);
        this.forgetRetry(position);
      }
    }
    this.replay(state.replays.filter((parked) => !this.unparking.has(parked.position)));
  }

  private nextSignal(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }
}
