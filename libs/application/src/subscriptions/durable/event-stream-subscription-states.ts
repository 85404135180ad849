import { v7 as uuidv7 } from 'uuid';
import { WrongExpectedRevisionError, type EventStore, type JsonObject, type NewEvent, type RecordedEvent } from '#event-store';
import { CoalescingAppender } from '../../access/coalescing-appender.js';
import { SubscriptionGoneError, type DurableSubscriptionRecord, type DurableSubscriptionStates, type ParkedEventRecord, type SessionState } from './durable-subscription-states.js';
import {
  SUBSCRIPTION_DEFINITIONS_STREAM,
  subscriptionStateStreamName,
  type SubscriptionDefinitionEvent,
  type SubscriptionStateEvent,
} from './durable-subscription-events.js';
import { applyStateEvent, initialState, parkedList, sessionStateOf, snapshotOf, type FoldedSubscriptionState } from './subscription-state-fold.js';

/** Events read per page. */
const PAGE = 100;
/** State events after which a snapshot is written: what a reader that knows nothing reads at most, about. */
const SNAPSHOT_EVERY = 100;
/** Attempts at creating when other replicas keep changing the definitions stream. */
const CREATE_ATTEMPTS = 10;
/** Events of one state stream written at once at most. */
const EVENTS_PER_APPEND = 200;
/** Who writes the state events: the subscription's state is the ledger's bookkeeping. */
const ACTOR = 'system:durable-subscriptions';

type Definition = Omit<DurableSubscriptionRecord, 'checkpoint'> & { incarnation: string };

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
 * and each read catches up on the streams from where this process last read (state streams
 * from their latest snapshot, at most about SNAPSHOT_EVERY events back). State appends use no
 * expected revision (settlements commute: subscription-state-fold.ts); creating checks the
 * definitions stream's revision, so two replicas never both create one name.
 */
export class EventStreamSubscriptionStates implements DurableSubscriptionStates {
  readonly shared = true;
  private definitions = { revision: -1, byName: new Map<string, Definition>() };
  private readonly folded = new Map<string, Folded>();
  private readonly appenders = new Map<string, CoalescingAppender<NewEvent>>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async insert(record: Omit<DurableSubscriptionRecord, 'createdAt' | 'checkpoint'>): Promise<DurableSubscriptionRecord> {
    for (let attempt = 1; ; attempt++) {
      await this.readDefinitions();
      if (this.definitions.byName.has(record.name)) throw new Error(`The durable subscription ${record.name} exists`);
      const incarnation = uuidv7();
      // Its state stream starts before it exists: no state event of it can come before this one.
      await this.appendState(record.name, [{ type: 'DurableSubscriptionStarted.v1', data: { incarnation, startPosition: record.startPosition } }]);
      const createdAt = this.now();
      const created: SubscriptionDefinitionEvent = {
        type: 'DurableSubscriptionCreated.v1',
        data: { name: record.name, selection: record.selection, startPosition: record.startPosition, maxRetries: record.maxRetries, maxInFlight: record.maxInFlight, createdAt, createdBy: record.createdBy },
      };
      const expected = this.definitions.revision === -1 ? 'no_stream' : this.definitions.revision;
      try {
        await this.store.append(SUBSCRIPTION_DEFINITIONS_STREAM, [newEvent(created, record.createdBy, incarnation)], expected);
      } catch (error) {
        // Another replica changed the definitions meanwhile: look again (the name may be taken now).
        if (error instanceof WrongExpectedRevisionError && attempt < CREATE_ATTEMPTS) continue;
        throw error;
      }
      return { ...record, checkpoint: record.startPosition, createdAt };
    }
  }

  async get(name: string): Promise<DurableSubscriptionRecord | undefined> {
    await this.readDefinitions();
    const definition = this.definitions.byName.get(name);
    return definition && this.recordOf(definition);
  }

  async list(): Promise<DurableSubscriptionRecord[]> {
    await this.readDefinitions();
    const definitions = [...this.definitions.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return Promise.all(definitions.map((definition) => this.recordOf(definition)));
  }

  async delete(name: string): Promise<boolean> {
    await this.readDefinitions();
    const definition = this.definitions.byName.get(name);
    if (!definition) return false;
    // No expected revision: deleting twice deletes once (the fold drops an incarnation that is gone).
    const deleted: SubscriptionDefinitionEvent = { type: 'DurableSubscriptionDeleted.v1', data: { name, incarnation: definition.incarnation } };
    await this.store.append(SUBSCRIPTION_DEFINITIONS_STREAM, [newEvent(deleted, ACTOR)], 'any');
    this.folded.delete(name);
    await this.readDefinitions();
    return true;
  }

  /** Reads the definitions first: a session asking learns that its subscription was deleted (and maybe created again) on another replica. */
  async sessionState(name: string): Promise<SessionState> {
    await this.readDefinitions();
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

  private async recordOf(definition: Definition): Promise<DurableSubscriptionRecord> {
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
    let definition = this.definitions.byName.get(name);
    if (!definition) {
      await this.readDefinitions();
      definition = this.definitions.byName.get(name);
    }
    if (!definition || (expected !== undefined && expected !== definition.incarnation)) throw new SubscriptionGoneError(name);
    return definition.incarnation;
  }

  /** Catches up on the definitions stream (from where this process last read it). */
  private async readDefinitions(): Promise<void> {
    for (;;) {
      const page = await this.store.readStream(SUBSCRIPTION_DEFINITIONS_STREAM, { fromRevision: this.definitions.revision + 1, maxCount: PAGE });
      for (const event of page) {
        // Two reads at once may both bring an event: the first applies it.
        if (event.revision <= this.definitions.revision) continue;
        applyDefinitionEvent(this.definitions.byName, event);
        this.definitions.revision = event.revision;
      }
      if (page.length < PAGE) return;
    }
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
    const definition = this.definitions.byName.get(name)!;
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
      await this.store.append(subscriptionStateStreamName(name), [newEvent(snapshot, ACTOR)], folded.revision);
    } catch {
      return;
    }
    // Read back as any other event, by the next catch-up.
    await this.catchUp(name, folded);
  }

  /** Appends to the state stream: writes of one process go together, one append at a time. */
  private async write(name: string, event: SubscriptionStateEvent): Promise<void> {
    await this.appenderOf(name).add(newEvent(event, ACTOR));
  }

  private appendState(name: string, events: SubscriptionStateEvent[]): Promise<unknown> {
    return this.store.append(subscriptionStateStreamName(name), events.map((event) => newEvent(event, ACTOR)), 'any');
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

function applyDefinitionEvent(byName: Map<string, Definition>, recorded: RecordedEvent): void {
  const event = { type: recorded.type, data: recorded.data } as SubscriptionDefinitionEvent;
  if (event.type === 'DurableSubscriptionCreated.v1') {
    byName.set(event.data.name, { ...event.data, incarnation: recorded.eventId });
  } else if (event.type === 'DurableSubscriptionDeleted.v1') {
    if (byName.get(event.data.name)?.incarnation === event.data.incarnation) byName.delete(event.data.name);
  }
}

/** The event as a state event of `incarnation`, or undefined (another incarnation's, or not a state event). */
function stateEventOf(recorded: RecordedEvent, incarnation: string): SubscriptionStateEvent | undefined {
  if (!recorded.type.startsWith('DurableSubscription') || (recorded.data as { incarnation?: unknown }).incarnation !== incarnation) return undefined;
  return { type: recorded.type, data: recorded.data } as SubscriptionStateEvent;
}

function newEvent(event: SubscriptionStateEvent | SubscriptionDefinitionEvent, actor: string, eventId: string = uuidv7()): NewEvent {
  return { eventId, type: event.type, data: event.data as unknown as JsonObject, metadata: { actor, commandId: eventId, correlationId: eventId, causationId: eventId } };
}
