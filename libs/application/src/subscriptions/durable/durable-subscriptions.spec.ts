import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { InMemoryEventStore, StoreUnavailableError, type EventStore, type NewEvent } from '#event-store';
import { LiveEventFeed } from '../live-event-feed.js';
import type { DurableDelivery, DurableSession } from './durable-session.js';
import type { DurableSubscriptionStates } from './durable-subscription-states.js';
import { DurableSubscriptionStore, openSubscriptionDatabase } from './durable-subscription-store.js';
import { DurableSubscriptions, type DurableSubscriptionDefinition } from './durable-subscriptions.js';
import { EventStreamSubscriptionStates } from './event-stream-subscription-states.js';
import { takeDeliveries } from './testing/take-deliveries.js';

const newEvent = () => ({
  eventId: randomUUID(),
  type: 'NoteRecorded.v1',
  data: {},
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c', causationId: 'c' },
});


/** Checks that no batch comes for a while; returns the pending pull (wrapped: an async function would await it). */
async function nothingPending(deliveries: AsyncIterator<DurableDelivery[]>): Promise<{ next: Promise<IteratorResult<DurableDelivery[]>> }> {
  const next = deliveries.next();
  const outcome = await Promise.race([next.then(() => 'delivered'), new Promise((resolve) => setTimeout(() => resolve('none'), 30))]);
  expect(outcome).toBe('none');
  return { next };
}

const positions = (deliveries: DurableDelivery[]) => deliveries.map((d) => d.event.position);

/** A write the state store cannot make, as on a full disk: parking an event, or settling one. */
type FailingWrite = 'park' | 'settle';

/**
 * One implementation of DurableSubscriptionStates, as a process opens it over the ledger's
 * event store: `open` again is a restart (or another replica); `fail` makes its writes of one
 * kind fail until called with undefined.
 */
interface StatesUnderTest {
  open(events: EventStore): DurableSubscriptionStates;
  /** One more over what the process opened last (as another release wrote it). */
  beside(events: EventStore): DurableSubscriptionStates;
  fail(write: FailingWrite | undefined): void;
  close(): void;
}

/** `subscriptions.sqlite`, one process's. */
function sqliteStates(): StatesUnderTest {
  const dir = mkdtempSync(join(tmpdir(), 'durable-'));
  let db: Database | undefined;
  const triggers = {
    park: `CREATE TEMP TRIGGER full_disk BEFORE INSERT ON durable_subscription_parked BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    settle: `CREATE TEMP TRIGGER full_disk BEFORE UPDATE ON durable_subscriptions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
  };
  return {
    open() {
      db?.close();
      db = openSubscriptionDatabase(join(dir, 'subscriptions.sqlite'));
      return new DurableSubscriptionStore(db);
    },
    beside() {
      return new DurableSubscriptionStore(db!);
    },
    fail(write) {
      db!.exec(write ? triggers[write] : 'DROP TRIGGER full_disk');
    },
    close() {
      db?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Streams of the event store itself, every replica's (as on KurrentDB). */
function eventStreamStates(): StatesUnderTest {
  const failing = { park: 'DurableSubscriptionEventParked.v1', settle: 'DurableSubscriptionSettled.v1' };
  let failed: string | undefined;
  const fails = (written: NewEvent[]) => written.some((event) => event.type === failed);
  return {
    open(events) {
      const appendOrFail = async (...args: Parameters<EventStore['append']>) => {
        if (fails(args[1])) throw new Error('database or disk is full');
        return events.append(...args);
      };
      const store = new Proxy(events, {
        get: (target, property) => (property === 'append' ? appendOrFail : (Reflect.get(target, property) as unknown)),
      });
      return new EventStreamSubscriptionStates(store);
    },
    beside(events) {
      return new EventStreamSubscriptionStates(events);
    },
    fail(write) {
      failed = write && failing[write];
    },
    close() {},
  };
}

describe.each([
  ['in subscriptions.sqlite', sqliteStates],
  ['in streams of the event store', eventStreamStates],
])('durable subscriptions, their state %s', (_, statesUnderTest) => {
  let states: StatesUnderTest;
  let events: InMemoryEventStore;
  let feed: LiveEventFeed;
  let subscriptions: DurableSubscriptions;
  const definition: DurableSubscriptionDefinition = { name: 'risk', selection: {}, from: 'start', maxRetries: 2, maxInFlight: 5 };

  /** A new process over the same subscriptions file (or streams) and event store. */
  function restart(): void {
    subscriptions.closeAll('shutdown');
    subscriptions = new DurableSubscriptions(events, feed, states.open(events));
  }

  beforeEach(async () => {
    states = statesUnderTest();
    events = new InMemoryEventStore();
    feed = new LiveEventFeed(events);
    subscriptions = new DurableSubscriptions(events, feed, states.open(events));
    for (let i = 0; i < 4; i++) await events.append(`deal-d${i}`, [newEvent(), newEvent(), newEvent()], 'no_stream');
    await subscriptions.create(definition, 'admin');
  });

  afterEach(async () => {
    subscriptions.closeAll('shutdown');
    await feed.close();
    states.close();
  });

  const open = async (session?: DurableSession | Promise<DurableSession>) =>
    (await (session ?? subscriptions.connect('risk'))).deliveries()[Symbol.asyncIterator]();

  it('creates a name once when two ask at the same time, and gives it to nobody its creator would not share it with', async () => {
    const endDefinition = { ...definition, name: 'pricing', from: 'end' as const };
    const [first, second] = await Promise.all([
      subscriptions.create(endDefinition, 'svc-a', (createdBy) => createdBy === 'svc-a'),
      subscriptions.create(endDefinition, 'svc-a', (createdBy) => createdBy === 'svc-a'),
    ]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    await expect(subscriptions.create(endDefinition, 'svc-b', (createdBy) => createdBy === 'svc-b')).rejects.toMatchObject({
      code: 'SUBSCRIPTION.ALREADY_EXISTS',
    });
    expect((await subscriptions.list()).filter((s) => s.name === 'pricing').map((s) => s.createdBy)).toEqual(['svc-a']);
  });

  it('delivers in order, at most maxInFlight unacked, and more as acks come', async () => {
    const deliveries = await open();
    expect(positions(await takeDeliveries(deliveries, 5))).toEqual([1, 2, 3, 4, 5]);
    const pending = await nothingPending(deliveries);
    await subscriptions.ack('risk', [1, 2]);
    expect(positions((await pending.next).value)).toEqual([6, 7]);
    expect(await subscriptions.get('risk')).toMatchObject({ checkpoint: 2, connected: true, inFlight: 5 });
  });

  it('moves the checkpoint only over settled events, and after a restart delivers only what was never acked', async () => {
    const deliveries = await open();
    await takeDeliveries(deliveries, 5);
    await subscriptions.ack('risk', [1, 2, 4, 5]);
    expect((await subscriptions.get('risk')).checkpoint).toBe(2);

    restart();
    const again = await open();
    expect(positions(await takeDeliveries(again, 5))).toEqual([3, 6, 7, 8, 9]);
    await subscriptions.ack('risk', [3]);
    expect((await subscriptions.get('risk')).checkpoint).toBe(5);
  });

  it('redelivers a nacked event up to maxRetries times, then parks it and goes on', async () => {
    const deliveries = await open();
    await takeDeliveries(deliveries, 5);
    expect(await subscriptions.nack('risk', 2, 'bad figure')).toEqual({ outcome: 'retry', attempts: 1 });
    expect(await takeDeliveries(deliveries, 1)).toMatchObject([{ event: { position: 2 }, attempt: 2, replay: false }]);
    expect(await subscriptions.nack('risk', 2, 'bad figure')).toEqual({ outcome: 'retry', attempts: 2 });
    expect(await takeDeliveries(deliveries, 1)).toMatchObject([{ event: { position: 2 }, attempt: 3 }]);
    expect(await subscriptions.nack('risk', 2, 'still bad')).toEqual({ outcome: 'parked', attempts: 3 });

    // Parking freed a slot: the next event comes.
    expect(positions(await takeDeliveries(deliveries, 1))).toEqual([6]);
    await subscriptions.ack('risk', [1, 3, 4, 5, 6]);
    expect(await subscriptions.get('risk')).toMatchObject({ checkpoint: 6, parked: 1 });
    expect(await subscriptions.parked('risk')).toMatchObject([{ position: 2, reason: 'still bad', attempts: 3, event: { position: 2 } }]);
  });

  it('keeps an event in flight when parking it cannot be written, so that no checkpoint passes over it', async () => {
    const deliveries = await open();
    await takeDeliveries(deliveries, 5);
    await subscriptions.nack('risk', 2, 'bad figure');
    await subscriptions.nack('risk', 2, 'bad figure');
    // The parked event cannot be written, as on a full disk.
    states.fail('park');
    await expect(subscriptions.nack('risk', 2, 'still bad')).rejects.toMatchObject({ message: 'database or disk is full' });
    await subscriptions.ack('risk', [1, 3, 4, 5]);
    expect(await subscriptions.get('risk')).toMatchObject({ checkpoint: 1, parked: 0 });

    states.fail(undefined);
    expect(await subscriptions.nack('risk', 2, 'still bad')).toMatchObject({ outcome: 'parked' });
    expect(await subscriptions.get('risk')).toMatchObject({ checkpoint: 5, parked: 1 });
    expect(await subscriptions.parked('risk')).toMatchObject([{ position: 2, reason: 'still bad' }]);
  });

  it('skips nothing when an ack cannot be written: the checkpoint written later covers only settled events', async () => {
    const deliveries = await open();
    await takeDeliveries(deliveries, 5);
    states.fail('settle');
    // Not toThrow: better-sqlite3's errors may come from another realm than Jest's sandbox.
    await expect(subscriptions.ack('risk', [1, 2])).rejects.toMatchObject({ message: 'database or disk is full' });
    expect((await subscriptions.get('risk')).checkpoint).toBe(0);
    states.fail(undefined);
    await subscriptions.ack('risk', [4]);
    // 1 and 2 were acked (the consumer was told the write failed); 3 was not.
    expect((await subscriptions.get('risk')).checkpoint).toBe(2);

    restart();
    expect(positions(await takeDeliveries(await open(), 5))).toEqual([3, 5, 6, 7, 8]);
  });

  it('ends the session, disconnected, when the event store fails its reader; the consumer connects again later', async () => {
    const session = await subscriptions.connect('risk');
    const deliveries = await open(session);
    for (let taken = 0; taken < 12; ) {
      const batch = await takeDeliveries(deliveries, 1);
      await subscriptions.ack('risk', positions(batch));
      taken += batch.length;
    }
    expect((await subscriptions.get('risk')).checkpoint).toBe(12);
    const next = deliveries.next();
    await events.close(); // the store goes away
    await expect(next).rejects.toThrow(StoreUnavailableError);
    expect(session.endReason).toBe('disconnected');
  });

  it('replays parked events before new ones, and unparks them once acked', async () => {
    const deliveries = await open();
    await takeDeliveries(deliveries, 5);
    for (let i = 0; i < 3; i++) await subscriptions.nack('risk', 4, 'no');
    await subscriptions.ack('risk', [1, 2, 3, 5]);
    expect(positions(await takeDeliveries(deliveries, 5))).toEqual([6, 7, 8, 9, 10]);
    await subscriptions.ack('risk', [6, 7, 8, 9]);

    expect(await subscriptions.replay('risk')).toBe(1);
    const [replayed, ...rest] = await takeDeliveries(deliveries, 1);
    expect(replayed).toMatchObject({ event: { position: 4 }, attempt: 1, replay: true });
    expect(positions(rest)).toEqual([11, 12]);
    await subscriptions.ack('risk', [4]);
    expect(await subscriptions.parked('risk')).toEqual([]);
  });

  it('remembers nacks across a restart: the attempt count goes on', async () => {
    await takeDeliveries(await open(), 5);
    await subscriptions.nack('risk', 1, 'no');
    restart();
    const [first] = await takeDeliveries(await open(), 1);
    expect(first).toMatchObject({ event: { position: 1 }, attempt: 2 });
  });

  it('takes acks sent after the consumer left, moving the checkpoint over them', async () => {
    const session = await subscriptions.connect('risk');
    await takeDeliveries(await open(session), 5);
    session.close('disconnected');
    expect(await subscriptions.ack('risk', [1, 2, 3])).toBe(3);
  });

  it('ends the session of a consumer that another one replaces, and of a deleted subscription', async () => {
    const first = await subscriptions.connect('risk');
    await takeDeliveries(await open(first), 1);
    const second = await subscriptions.connect('risk');
    expect(first.endReason).toBe('replaced');
    await subscriptions.delete('risk');
    expect(second.endReason).toBe('deleted');
    await expect(subscriptions.get('risk')).rejects.toMatchObject({ code: 'SUBSCRIPTION.NOT_FOUND' });
  });

  it('answers a nack of an event not in flight with SUBSCRIPTION.NOT_IN_FLIGHT', async () => {
    await takeDeliveries(await open(), 5);
    await expect(subscriptions.nack('risk', 9, 'x')).rejects.toMatchObject({ code: 'SUBSCRIPTION.NOT_IN_FLIGHT' });
  });

  it('creates idempotently and refuses a different definition under the same name', async () => {
    expect((await subscriptions.create(definition, 'admin')).created).toBe(false);
    await expect(subscriptions.create({ ...definition, maxRetries: 9 }, 'admin')).rejects.toMatchObject({ code: 'SUBSCRIPTION.ALREADY_EXISTS' });
  });

  it('takes a subscription an earlier release stored with the type names current then as the same definition', async () => {
    // What the release before the real-deals model stored: its current names, normalized.
    await states.beside(events).insert({
      name: 'offtakes',
      selection: { types: ['OfftakeSigned.v2'] },
      startPosition: 0,
      maxRetries: 3,
      maxInFlight: 5,
      createdBy: 'risk-service',
    });
    const ensured = await subscriptions.create({ name: 'offtakes', selection: { types: ['OfftakeSigned.v3'] }, from: 'start', maxRetries: 3, maxInFlight: 5 }, 'risk-service');
    expect(ensured).toMatchObject({ created: false, subscription: { selection: { types: ['OfftakeSigned.v3'] } } });
  });

  it('keeps a subscription stored before party events were published to deal events, and gives it back to a service asking again without categories', async () => {
    // What the release before stored for a filter without categories: deal was the only published one.
    await states.beside(events).insert({ name: 'legacy', selection: {}, startPosition: 0, maxRetries: 3, maxInFlight: 100, createdBy: 'risk-service' });
    await events.append('party-iwatani', [{ ...newEvent(), type: 'PartyRegistered.v1' }], 'no_stream');
    const everything = { name: 'everything', selection: {}, from: 'start' as const, maxRetries: 3, maxInFlight: 100 };
    expect((await subscriptions.create(everything, 'risk-service')).subscription.selection).toEqual({ categories: ['deal', 'party', 'records'] });

    const streamsOf = async (name: string) => (await takeDeliveries(await open(subscriptions.connect(name)), 13)).map((d) => d.event.streamId);
    expect(await streamsOf('everything')).toContain('party-iwatani');
    const legacy = await open(subscriptions.connect('legacy'));
    expect((await takeDeliveries(legacy, 12)).every((d) => d.event.streamId.startsWith('deal-'))).toBe(true);
    await nothingPending(legacy);

    const ensured = await subscriptions.create({ ...everything, name: 'legacy' }, 'risk-service');
    expect(ensured).toMatchObject({ created: false, subscription: { selection: { categories: ['deal'] } } });
    await expect(subscriptions.create({ ...everything, name: 'legacy', selection: { categories: ['deal', 'party'] } }, 'risk-service')).rejects.toMatchObject({
      code: 'SUBSCRIPTION.ALREADY_EXISTS',
    });
    // A subscription stored with its categories named: asking without them means every published one, now as then.
    await expect(subscriptions.create({ ...everything, selection: { categories: ['deal'] } }, 'risk-service')).rejects.toMatchObject({ code: 'SUBSCRIPTION.ALREADY_EXISTS' });
    expect((await subscriptions.create(everything, 'risk-service')).created).toBe(false);
  });

  it('keeps a subscription stored before records events were published to deal and party events, and gives it back to a service asking again without categories', async () => {
    // What the release before stored for a filter without categories: deal and party, named.
    await states.beside(events).insert({ name: 'facts', selection: { categories: ['deal', 'party'] }, startPosition: 0, maxRetries: 3, maxInFlight: 100, createdBy: 'risk-service' });
    await events.append('records-personal-data', [{ ...newEvent(), type: 'PersonalDataErased.v1' }], 'no_stream');
    const everything = { name: 'everything', selection: {}, from: 'start' as const, maxRetries: 3, maxInFlight: 100 };
    expect((await subscriptions.create(everything, 'risk-service')).subscription.selection).toEqual({ categories: ['deal', 'party', 'records'] });
    expect((await takeDeliveries(await open(subscriptions.connect('everything')), 13)).map((d) => d.event.streamId)).toContain('records-personal-data');

    const facts = await open(subscriptions.connect('facts'));
    expect((await takeDeliveries(facts, 12)).every((d) => d.event.streamId.startsWith('deal-'))).toBe(true);
    await nothingPending(facts);
    const ensured = await subscriptions.create({ ...everything, name: 'facts' }, 'risk-service');
    expect(ensured).toMatchObject({ created: false, subscription: { selection: { categories: ['deal', 'party'] } } });
    // Asked with other categories named, it is another definition.
    await expect(subscriptions.create({ ...everything, name: 'facts', selection: { categories: ['deal', 'party', 'records'] } }, 'risk-service')).rejects.toMatchObject({
      code: 'SUBSCRIPTION.ALREADY_EXISTS',
    });
  });
});
