import { v7 as uuidv7 } from 'uuid';
import { CoalescingAppender, WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent } from '#event-store';
import { SubscriptionGoneError, type DurableSubscriptionRecord, type DurableSubscriptionStates, type ParkedEventRecord, type SessionState } from './durable-subscription-states.js';
import { newSubscriptionEvent, subscriptionStateStreamName, type SubscriptionDefinitionEvent, type SubscriptionStateEvent } from './durable-subscription-events.js';
import { SubscriptionDefinitions, type SubscriptionDefinition } from './subscription-definitions.js';
import { applyStateEvent, initialState, parkedList, sessionStateOf, snapshotOf, type FoldedSubscriptionState } from './subscription-state-fold.js';

/** Events read per page. */
const PAGE = 100;
/** State events after which a snapshot is written: what a reader that knows nothing reads at most, about. */
const SNAPSHOT_EVERY = 100;
/** Attempts at creating when other replicas keep changing the definitions stream. */
const CREATE_ATTEMPTS = 10;
/** Events of one state stream written at once at most. */
const EVENTS_PER_APPEND = 200;

interface Folded {
  incarnation: string;
  /** The last revision of the state stream applied (−1: none). */
  revision: number;
  state: FoldedSubscriptionState;
  /** Events applied since the state stream's last snapshot (or start). */
  sinceSnapshot: number;
}

/**
 * Durable subscriptions' state kept in streams of the event store (`subscription-definitions`,
 * `subscription-state-<name>`), so that every replica serving one KurrentDB database shares
 * it: a consumer that reconnects to another replica resumes at the checkpoint its acks on the
 * first one wrote, with the same nack counts and parked events.
 *
 * Nothing is updated in place: each write appends an event, answered once the store holds it,
 * and each read catches up on the streams from where this process last read (a state stream
 * met for the first time from its latest snapshot). State appends use no
 * expected revision (settlements commute: subscription-state-fold.ts); which subscriptions
 * exist is the definitions stream's (subscription-definitions.ts).
 */
export class EventStreamSubscriptionStates implements DurableSubscriptionStates {
  readonly shared = true;
  private readonly definitions: SubscriptionDefinitions;
  private readonly folded = new Map<string, Folded>();
  private readonly appenders = new Map<string, CoalescingAppender<NewEvent>>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.definitions = new SubscriptionDefinitions(store);
  }

  async insert(record: Omit<DurableSubscriptionRecord, 'createdAt' | 'checkpoint'>): Promise<DurableSubscriptionRecord> {
    for (let attempt = 1; ; attempt++) {
      await this.definitions.read();
      if (this.definitions.known(record.name)) throw new Error(`The durable subscription ${record.name} exists`);
      const incarnation = uuidv7();
      // Its state stream starts before it exists: no state event of it can come before this one.
      await this.write(record.name, { type: 'DurableSubscriptionStarted.v1', data: { incarnation, startPosition: record.startPosition } });
      const createdAt = this.now();
      const created: Extract<SubscriptionDefinitionEvent, { type: 'DurableSubscriptionCreated.v1' }> = {
        type: 'DurableSubscriptionCreated.v1',
        data: { name: record.name, selection: record.selection, startPosition: record.startPosition, maxRetries: record.maxRetries, maxInFlight: record.maxInFlight, createdAt, createdBy: record.createdBy },
      };
      try {
        await this.definitions.appendCreated(created, incarnation);
      } catch (error) {
        // Another replica changed the definitions meanwhile: look again (the name may be taken now).
        if (error instanceof WrongExpectedRevisionError && attempt < CREATE_ATTEMPTS) continue;
        throw error;
      }
      return { ...record, checkpoint: record.startPosition, createdAt };
    }
  }

  async get(name: string): Promise<DurableSubscriptionRecord | undefined> {
    await this.definitions.read();
    const definition = this.definitions.known(name);
    return definition && this.recordOf(definition);
  }

  async list(): Promise<DurableSubscriptionRecord[]> {
    await this.definitions.read();
    return Promise.all(this.definitions.all().map((definition) => this.recordOf(definition)));
  }

  async delete(name: string): Promise<boolean> {
    await this.definitions.read();
    const definition = this.definitions.known(name);
    if (!definition) return false;
    await this.definitions.appendDeleted(definition);
    this.folded.delete(name);
    await this.definitions.read();
    return true;
  }

  /** Reads the definitions first: a session asking learns that its subscription was deleted (and maybe created again) on another replica. */
  async sessionState(name: string): Promise<SessionState> {
    await this.definitions.read();
    const folded = await this.current(name);
    return { ...sessionStateOf(folded.state), incarnation: folded.incarnation };
  }

  async settle(name: string, positions: readonly number[], checkpoint: number, expected?: string): Promise<void> {
    const incarnation = await this.incarnationOf(name, expected);
    await this.write(name, { type: 'DurableSubscriptionSettled.v1', data: { incarnation, positions: [...positions], checkpoint } });
  }

  async recordNack(name: string, position: number, reason: string, expected?: string): Promise<number> {
    const incarnation = await this.incarnationOf(name, expected);
    await this.write(name, { type: 'DurableSubscriptionNacked.v1', data: { incarnation, position, reason } });
    // Read back: nacks of this event written by other replicas count too.
    return (await this.current(name)).state.nacks.get(position) ?? 1;
  }

  async park(name: string, event: RecordedEvent, reason: string, attempts: number, checkpoint: number, expected?: string): Promise<void> {
    const incarnation = await this.incarnationOf(name, expected);
    const parked: ParkedEventRecord = { position: event.position, event, reason, attempts, parkedAt: this.now() };
    await this.write(name, { type: 'DurableSubscriptionEventParked.v1', data: { incarnation, parked, checkpoint } });
  }

  async repark(name: string, position: number, reason: string, attempts: number, expected?: string): Promise<void> {
    const incarnation = await this.incarnationOf(name, expected);
    await this.write(name, { type: 'DurableSubscriptionEventReparked.v1', data: { incarnation, position, reason, attempts, parkedAt: this.now() } });
  }

  async unpark(name: string, position: number, expected?: string): Promise<boolean> {
    const incarnation = await this.incarnationOf(name, expected);
    const folded = await this.current(name);
    const was = folded.incarnation === incarnation && folded.state.parked.has(position);
    if (was) await this.write(name, { type: 'DurableSubscriptionEventUnparked.v1', data: { incarnation, position } });
    return was;
  }

  async listParked(name: string): Promise<ParkedEventRecord[]> {
    return parkedList((await this.current(name)).state);
  }

  async countParked(name: string): Promise<number> {
    return (await this.current(name)).state.parked.size;
  }

  async requestReplay(name: string, positions?: readonly number[]): Promise<ParkedEventRecord[]> {
    const incarnation = await this.incarnationOf(name);
    await this.write(name, { type: 'DurableSubscriptionReplayRequested.v1', data: { incarnation, positions: positions === undefined ? null : [...positions], at: this.now() } });
    const requested = new Set(positions);
    return parkedList((await this.current(name)).state).filter(
      (parked) => parked.replayRequestedAt !== undefined && (positions === undefined || requested.has(parked.position)),
    );
  }

  private async recordOf(definition: SubscriptionDefinition): Promise<DurableSubscriptionRecord> {
    const { incarnation: _, ...record } = definition;
    return { ...record, checkpoint: (await this.current(definition.name)).state.checkpoint };
  }

  /**
   * The incarnation writes go to: the one this process knows, else the one the store has now.
   * `expected` (the one the writer read) is refused once this process knows another: its
   * writes would land on a subscription created since under the name. Should this process
   * not know yet, they are written under `expected`, which no later incarnation reads.
   */
  private async incarnationOf(name: string, expected?: string): Promise<string> {
    let definition = this.definitions.known(name);
    if (!definition) {
      await this.definitions.read();
      definition = this.definitions.known(name);
    }
    if (!definition || (expected !== undefined && expected !== definition.incarnation)) throw new SubscriptionGoneError(name);
    return definition.incarnation;
  }

  /** The subscription's state as the store has it now (this incarnation's, caught up). */
  private async current(name: string): Promise<Folded> {
    const incarnation = await this.incarnationOf(name);
    let folded = this.folded.get(name);
    if (folded?.incarnation !== incarnation) {
      folded = await this.readFromLatestSnapshot(name, incarnation);
      this.folded.set(name, folded);
    }
    await this.catchUp(name, folded);
    await this.compact(name, folded);
    return folded;
  }

  /** Reads the state stream back to the incarnation's latest snapshot (or its start), and folds forward from there. */
  private async readFromLatestSnapshot(name: string, incarnation: string): Promise<Folded> {
    const stream = subscriptionStateStreamName(name);
    const since: RecordedEvent[] = [];
    let revision = -1;
    let base: RecordedEvent | undefined;
    let from: number | undefined;
    while (base === undefined) {
      const page = await this.store.readStream(stream, { direction: 'backwards', maxCount: PAGE, ...(from === undefined ? {} : { fromRevision: from }) });
      for (const event of page) {
        revision = Math.max(revision, event.revision);
        const type = stateEventOf(event, incarnation)?.type;
        if (type === 'DurableSubscriptionStarted.v1' || type === 'DurableSubscriptionStateSnapshot.v1') {
          base = event;
          break;
        }
        since.push(event);
      }
      if (page.length < PAGE || page.at(-1)!.revision === 0) break;
      from = page.at(-1)!.revision - 1;
    }
    const definition = this.definitions.known(name)!;
    const folded: Folded = { incarnation, revision, state: initialState(definition.startPosition), sinceSnapshot: 0 };
    if (base) folded.state = applyStateEvent(folded.state, stateEventOf(base, incarnation)!);
    for (const event of since.reverse()) {
      const state = stateEventOf(event, incarnation);
      if (state) folded.state = applyStateEvent(folded.state, state);
      folded.sinceSnapshot++;
    }
    return folded;
  }

  private async catchUp(name: string, folded: Folded): Promise<void> {
    const stream = subscriptionStateStreamName(name);
    for (;;) {
      const page = await this.store.readStream(stream, { fromRevision: folded.revision + 1, maxCount: PAGE });
      for (const event of page) {
        if (event.revision <= folded.revision) continue;
        const state = stateEventOf(event, folded.incarnation);
        if (state) folded.state = applyStateEvent(folded.state, state);
        folded.revision = event.revision;
        folded.sinceSnapshot = state?.type === 'DurableSubscriptionStateSnapshot.v1' ? 0 : folded.sinceSnapshot + 1;
      }
      if (page.length < PAGE) return;
    }
  }

  /**
   * Sums the state up in a snapshot once enough events follow the last one, so that a reader
   * starting cold reads a bounded tail. Written at the revision it sums up: should another
   * replica have written meanwhile, the snapshot is left out (its event would be lost under
   * it) and written at a later read. Nothing waits on it succeeding.
   */
  private async compact(name: string, folded: Folded): Promise<void> {
    if (folded.sinceSnapshot < SNAPSHOT_EVERY) return;
    const snapshot = snapshotOf(folded.incarnation, folded.state);
    try {
      await this.store.append(subscriptionStateStreamName(name), [newSubscriptionEvent(snapshot)], folded.revision);
    } catch {
      return;
    }
    // Read back as any other event, by the next catch-up.
    await this.catchUp(name, folded);
  }

  /** Appends to the state stream: writes of one process go together, one append at a time. */
  private async write(name: string, event: SubscriptionStateEvent): Promise<void> {
    await this.appenderOf(name).add(newSubscriptionEvent(event));
  }

  private appenderOf(name: string): CoalescingAppender<NewEvent> {
    let appender = this.appenders.get(name);
    if (!appender) {
      appender = new CoalescingAppender<NewEvent>(async (events) => {
        await this.store.append(subscriptionStateStreamName(name), events, 'any');
      }, EVENTS_PER_APPEND);
      this.appenders.set(name, appender);
    }
    return appender;
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/** The event as a state event of `incarnation`, or undefined (another incarnation's, or not a state event). */
function stateEventOf(recorded: RecordedEvent, incarnation: string): SubscriptionStateEvent | undefined {
  if (!recorded.type.startsWith('DurableSubscription') || (recorded.data as { incarnation?: unknown }).incarnation !== incarnation) return undefined;
  return { type: recorded.type, data: recorded.data } as SubscriptionStateEvent;
}
