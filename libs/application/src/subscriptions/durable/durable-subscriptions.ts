import { DEAL_CATEGORY, PARTY_CATEGORY, assertValidId } from '#domain';
import type { EventStore } from '#event-store';
import { PUBLISHED_CATEGORIES, normalizeSelection, storeFilterOf, type EventSelection, type NormalizedSelection } from '../event-selection.js';
import type { LiveEventFeed } from '../live-event-feed.js';
import { DurableSession, type NackOutcome, type SessionEndReason } from './durable-session.js';
import { SubscriptionGoneError, type DurableSubscriptionRecord, type DurableSubscriptionStates, type ParkedEventRecord } from './durable-subscription-states.js';
import { notConnected, subscriptionExists, subscriptionNotFound } from './subscription.errors.js';

export interface DurableSubscriptionDefinition {
  name: string;
  selection: EventSelection;
  /** Where it starts: every event of the log, only those appended from now on, or after a position. */
  from: 'start' | 'end' | number;
  /** Nacks an event may have before it is parked. */
  maxRetries: number;
  /** Events delivered and not yet acked, at most. */
  maxInFlight: number;
}

export interface DurableSubscriptionView extends DurableSubscriptionRecord {
  parked: number;
  connected: boolean;
  inFlight: number;
}

export const DEFAULT_MAX_RETRIES = 3;
/** How often a waiting session looks for acks made on another replica, when replicas share the state. */
export const SHARED_STATE_CHECK_MS = 1000;
export const DEFAULT_MAX_IN_FLIGHT = 100;

const SELECTION_FIELDS = { categories: 'filter.categories', types: 'filter.types', dealIds: 'filter.dealIds', partyIds: 'filter.partyIds' };

/**
 * What a selection stored without categories selects: the only category published when it
 * was stored, deal. A selection is stored with its categories named since party events were
 * published, so none changes meaning when a category is published later.
 */
const CATEGORIES_OF_UNNAMED = [DEAL_CATEGORY];

/**
 * What naming no category meant in earlier releases that stored categories: deal and party,
 * before records were published. A service ensuring at start, with no category, the
 * subscription such a release created gets it back (it keeps its categories) rather than a
 * 409. A category published later adds the list it ends here.
 */
const EARLIER_DEFAULTS: readonly (readonly string[])[] = [[DEAL_CATEGORY, PARTY_CATEGORY]];

/**
 * Named subscriptions whose position the ledger keeps: create, list, delete; one consumer
 * connected to each at a time (a new connection replaces the old one, whose unacked
 * events come again); acks, nacks, parked events and their replay.
 */
export class DurableSubscriptions {
  private readonly sessions = new Map<string, DurableSession>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly feed: LiveEventFeed,
    private readonly store: DurableSubscriptionStates,
    private readonly storeCheckMs: number = SHARED_STATE_CHECK_MS,
  ) {}

  /**
   * Creates it, or returns the existing one when it has the same definition (a service can
   * ensure it at start) and `mayReuse` allows it (whoever else created it: taken).
   */
  async create(
    definition: DurableSubscriptionDefinition,
    actor: string,
    mayReuse: (createdBy: string) => boolean = () => true,
  ): Promise<{ subscription: DurableSubscriptionView; created: boolean }> {
    assertValidId(definition.name, 'name');
    // Checked before the store is read: a bad filter is a 400 at once.
    normalizeSelection(definition.selection, SELECTION_FIELDS);
    const startPosition = await this.startPositionOf(definition.from, await this.store.get(definition.name));
    // Looked up again after the await: another request may have created it meanwhile.
    const existing = await this.store.get(definition.name);
    // Naming no category asks for the default of when it was created, as `from: 'end'` asks for
    // the position chosen then: a service ensuring at start the subscription an earlier release
    // created (deal events only, or deal and party) gets it back rather than a 409.
    const defaults = existing && definition.selection.categories === undefined ? defaultsWhenCreated(existing) : PUBLISHED_CATEGORIES;
    const selection = normalizeSelection({ ...definition.selection, categories: definition.selection.categories ?? [...defaults] }, SELECTION_FIELDS);
    const wanted = { name: definition.name, selection, startPosition, maxRetries: definition.maxRetries, maxInFlight: definition.maxInFlight };
    const reuse = async (record: DurableSubscriptionRecord) => {
      if (!mayReuse(record.createdBy)) throw subscriptionExists(definition.name);
      const same = JSON.stringify(definitionOf(record)) === JSON.stringify(wanted);
      if (!same) throw subscriptionExists(definition.name);
      return { subscription: await this.viewOf(record), created: false };
    };
    if (existing) return reuse(existing);
    let inserted: DurableSubscriptionRecord;
    try {
      inserted = await this.store.insert({ ...wanted, createdBy: actor });
    } catch (error) {
      // Taken since it was looked up (another request, or another replica sharing the store).
      const taken = await this.store.get(definition.name);
      if (taken) return reuse(taken);
      throw error;
    }
    return { subscription: await this.viewOf(inserted), created: true };
  }

  async list(): Promise<DurableSubscriptionView[]> {
    return Promise.all((await this.store.list()).map((record) => this.viewOf(record)));
  }

  async get(name: string): Promise<DurableSubscriptionView> {
    return this.viewOf(await this.require(name));
  }

  async delete(name: string): Promise<void> {
    await this.require(name);
    this.sessions.get(name)?.close('deleted');
    await this.store.delete(name);
  }

  /** Opens the consumer's session; a consumer already connected under this name is ended ('replaced'). */
  async connect(name: string): Promise<DurableSession> {
    const subscription = await this.require(name);
    // Read before the reader opens at the checkpoint: what the session starts from agrees with it.
    const state = await this.store.sessionState(name);
    const current = { ...subscription, checkpoint: state.checkpoint };
    this.sessions.get(name)?.close('replaced');
    const reader = this.feed.open(current.checkpoint, storeFilterOf(currentSelectionOf(current)));
    const session = new DurableSession(
      current,
      state,
      this.store,
      reader,
      (closed) => {
        if (this.sessions.get(name) === closed) this.sessions.delete(name);
      },
      this.store.shared ? this.storeCheckMs : undefined,
    );
    this.sessions.set(name, session);
    return session;
  }

  /** Settles events; also without a connected consumer (the next session skips them). Returns the checkpoint. */
  async ack(name: string, positions: readonly number[]): Promise<number> {
    const subscription = await this.require(name);
    const session = this.sessions.get(name);
    if (session) {
      await this.throughSession(session, () => session.ack(positions));
    } else {
      const state = await this.store.sessionState(name);
      // Parked events replayed on another replica (sharing the state), acked here: handled, parked no more.
      const replayed = new Set(state.replays.map((parked) => parked.position).filter((position) => positions.includes(position)));
      for (const position of replayed) await this.store.unpark(name, position, state.incarnation);
      const above = positions.filter((position) => position > subscription.checkpoint && !replayed.has(position));
      if (above.length > 0) await this.store.settle(name, above, await this.checkpointAfter(subscription, state.settledAbove, above), state.incarnation);
    }
    return (await this.require(name)).checkpoint;
  }

  async nack(name: string, position: number, reason: string): Promise<NackOutcome> {
    await this.require(name);
    const session = this.sessions.get(name);
    if (!session) throw notConnected(name);
    return this.throughSession(session, () => session.nack(position, reason));
  }

  async parked(name: string): Promise<ParkedEventRecord[]> {
    await this.require(name);
    return this.store.listParked(name);
  }

  /** Delivers parked events again (all when `positions` is undefined), now or on the next connection. */
  async replay(name: string, positions?: readonly number[]): Promise<number> {
    await this.require(name);
    const requested = await this.store.requestReplay(name, positions);
    this.sessions.get(name)?.replay(requested);
    return requested.length;
  }

  closeAll(reason: SessionEndReason): void {
    for (const session of [...this.sessions.values()]) session.close(reason);
  }

  /**
   * Runs an ack or nack of the connected consumer. The session's subscription deleted on
   * another replica (maybe created again there under its name) ends it, and the consumer is
   * answered as for a subscription that is not there: its acks belong to none that is.
   */
  private async throughSession<T>(session: DurableSession, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof SubscriptionGoneError)) throw error;
      session.close('deleted');
      throw subscriptionNotFound(session.name);
    }
  }

  /**
   * Acks that arrive after the consumer left (its last batch, sent on stop): the
   * checkpoint moves over every selected event that is now settled, as a session would.
   */
  private async checkpointAfter(subscription: DurableSubscriptionRecord, settledAbove: ReadonlySet<number>, acked: readonly number[]): Promise<number> {
    const settled = new Set([...settledAbove, ...acked]);
    let checkpoint = subscription.checkpoint;
    const filter = storeFilterOf(currentSelectionOf(subscription));
    for await (const event of this.eventStore.readAll({ after: checkpoint, filter, maxCount: settled.size + 1 })) {
      if (!settled.has(event.position)) break;
      checkpoint = event.position;
    }
    return checkpoint;
  }

  private async require(name: string): Promise<DurableSubscriptionRecord> {
    const record = await this.store.get(name);
    if (!record) throw subscriptionNotFound(name);
    return record;
  }

  private async startPositionOf(from: DurableSubscriptionDefinition['from'], existing: DurableSubscriptionRecord | undefined): Promise<number> {
    if (from === 'start') return 0;
    // Asking again for 'end' names the position chosen when it was created.
    if (from === 'end') return existing?.startPosition ?? (await this.eventStore.headPosition());
    return from;
  }

  private async viewOf(record: DurableSubscriptionRecord): Promise<DurableSubscriptionView> {
    const session = this.sessions.get(record.name);
    return {
      ...record,
      selection: currentSelectionOf(record),
      parked: await this.store.countParked(record.name),
      connected: session !== undefined,
      inFlight: session?.inFlightCount ?? 0,
    };
  }
}

/** The categories naming none selected when `record` was created, as far as it tells. */
function defaultsWhenCreated(record: DurableSubscriptionRecord): readonly string[] {
  const stored = record.selection.categories;
  if (stored === undefined) return CATEGORIES_OF_UNNAMED;
  const earlier = EARLIER_DEFAULTS.find((defaults) => JSON.stringify([...defaults].sort()) === JSON.stringify([...stored].sort()));
  return earlier ?? PUBLISHED_CATEGORIES;
}

function definitionOf(record: DurableSubscriptionRecord) {
  const { name, startPosition, maxRetries, maxInFlight } = record;
  return { name, selection: currentSelectionOf(record), startPosition, maxRetries, maxInFlight };
}

/**
 * The stored selection in today's names: one stored by an earlier release names the types
 * current then (`OfftakeSigned.v2`), and a service ensuring it again at start sends today's;
 * one stored without categories selects what it did then (CATEGORIES_OF_UNNAMED).
 */
function currentSelectionOf(record: DurableSubscriptionRecord): NormalizedSelection {
  return normalizeSelection({ ...record.selection, categories: record.selection.categories ?? [...CATEGORIES_OF_UNNAMED] }, SELECTION_FIELDS);
}
