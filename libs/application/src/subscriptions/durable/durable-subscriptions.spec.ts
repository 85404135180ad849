import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { InMemoryEventStore, StoreUnavailableError } from '#event-store';
import { LiveEventFeed } from '../live-event-feed.js';
import type { DurableDelivery, DurableSession } from './durable-session.js';
import { DurableSubscriptionStore, openSubscriptionDatabase } from './durable-subscription-store.js';
import { DurableSubscriptions, type DurableSubscriptionDefinition } from './durable-subscriptions.js';

const newEvent = () => ({
  eventId: randomUUID(),
  type: 'NoteRecorded.v1',
  data: {},
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c', causationId: 'c' },
});

/** Pulls deliveries until `count` have come (whole batches). */
async function take(deliveries: AsyncIterator<DurableDelivery[]>, count: number): Promise<DurableDelivery[]> {
  const taken: DurableDelivery[] = [];
  while (taken.length < count) {
    const next = await deliveries.next();
    if (next.done) break;
    taken.push(...next.value);
  }
  return taken;
}

/** Checks that no batch comes for a while; returns the pending pull (wrapped: an async function would await it). */
async function nothingPending(deliveries: AsyncIterator<DurableDelivery[]>): Promise<{ next: Promise<IteratorResult<DurableDelivery[]>> }> {
  const next = deliveries.next();
  const outcome = await Promise.race([next.then(() => 'delivered'), new Promise((resolve) => setTimeout(() => resolve('none'), 30))]);
  expect(outcome).toBe('none');
  return { next };
}

const positions = (deliveries: DurableDelivery[]) => deliveries.map((d) => d.event.position);

describe('durable subscriptions', () => {
  let dir: string;
  let db: Database;
  let events: InMemoryEventStore;
  let feed: LiveEventFeed;
  let subscriptions: DurableSubscriptions;
  const definition: DurableSubscriptionDefinition = { name: 'risk', selection: {}, from: 'start', maxRetries: 2, maxInFlight: 5 };

  /** A new process over the same subscriptions file and event store. */
  function restart(): void {
    subscriptions.closeAll('shutdown');
    db.close();
    db = openSubscriptionDatabase(join(dir, 'subscriptions.sqlite'));
    subscriptions = new DurableSubscriptions(events, feed, new DurableSubscriptionStore(db));
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'durable-'));
    db = openSubscriptionDatabase(join(dir, 'subscriptions.sqlite'));
    events = new InMemoryEventStore();
    feed = new LiveEventFeed(events);
    subscriptions = new DurableSubscriptions(events, feed, new DurableSubscriptionStore(db));
    for (let i = 0; i < 4; i++) await events.append(`deal-d${i}`, [newEvent(), newEvent(), newEvent()], 'no_stream');
    await subscriptions.create(definition, 'admin');
  });

  afterEach(async () => {
    subscriptions.closeAll('shutdown');
    await feed.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (session: DurableSession = subscriptions.connect('risk')) => session.deliveries()[Symbol.asyncIterator]();

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
    expect(subscriptions.list().filter((s) => s.name === 'pricing').map((s) => s.createdBy)).toEqual(['svc-a']);
  });

  it('delivers in order, at most maxInFlight unacked, and more as acks come', async () => {
    const deliveries = open();
    expect(positions(await take(deliveries, 5))).toEqual([1, 2, 3, 4, 5]);
    const pending = await nothingPending(deliveries);
    await subscriptions.ack('risk', [1, 2]);
    expect(positions((await pending.next).value)).toEqual([6, 7]);
    expect(subscriptions.get('risk')).toMatchObject({ checkpoint: 2, connected: true, inFlight: 5 });
  });

  it('moves the checkpoint only over settled events, and after a restart delivers only what was never acked', async () => {
    const deliveries = open();
    await take(deliveries, 5);
    await subscriptions.ack('risk', [1, 2, 4, 5]);
    expect(subscriptions.get('risk').checkpoint).toBe(2);

    restart();
    const again = open();
    expect(positions(await take(again, 5))).toEqual([3, 6, 7, 8, 9]);
    await subscriptions.ack('risk', [3]);
    expect(subscriptions.get('risk').checkpoint).toBe(5);
  });

  it('redelivers a nacked event up to maxRetries times, then parks it and goes on', async () => {
    const deliveries = open();
    await take(deliveries, 5);
    expect(subscriptions.nack('risk', 2, 'bad figure')).toEqual({ outcome: 'retry', attempts: 1 });
    expect(await take(deliveries, 1)).toMatchObject([{ event: { position: 2 }, attempt: 2, replay: false }]);
    expect(subscriptions.nack('risk', 2, 'bad figure')).toEqual({ outcome: 'retry', attempts: 2 });
    expect(await take(deliveries, 1)).toMatchObject([{ event: { position: 2 }, attempt: 3 }]);
    expect(subscriptions.nack('risk', 2, 'still bad')).toEqual({ outcome: 'parked', attempts: 3 });

    // Parking freed a slot: the next event comes.
    expect(positions(await take(deliveries, 1))).toEqual([6]);
    await subscriptions.ack('risk', [1, 3, 4, 5, 6]);
    expect(subscriptions.get('risk')).toMatchObject({ checkpoint: 6, parked: 1 });
    expect(subscriptions.parked('risk')).toMatchObject([{ position: 2, reason: 'still bad', attempts: 3, event: { position: 2 } }]);
  });

  it('keeps an event in flight when parking it cannot be written, so that no checkpoint passes over it', async () => {
    const deliveries = open();
    await take(deliveries, 5);
    subscriptions.nack('risk', 2, 'bad figure');
    subscriptions.nack('risk', 2, 'bad figure');
    // The parked event's row cannot be written, as on a full disk.
    db.exec(`CREATE TEMP TRIGGER full_disk BEFORE INSERT ON durable_subscription_parked BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    expect(() => subscriptions.nack('risk', 2, 'still bad')).toThrow('database or disk is full');
    await subscriptions.ack('risk', [1, 3, 4, 5]);
    expect(subscriptions.get('risk')).toMatchObject({ checkpoint: 1, parked: 0 });

    db.exec('DROP TRIGGER full_disk');
    expect(subscriptions.nack('risk', 2, 'still bad')).toMatchObject({ outcome: 'parked' });
    expect(subscriptions.get('risk')).toMatchObject({ checkpoint: 5, parked: 1 });
    expect(subscriptions.parked('risk')).toMatchObject([{ position: 2, reason: 'still bad' }]);
  });

  it('skips nothing when an ack cannot be written: the checkpoint written later covers only settled events', async () => {
    const deliveries = open();
    await take(deliveries, 5);
    db.exec(`CREATE TEMP TRIGGER full_disk BEFORE UPDATE ON durable_subscriptions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    // Not toThrow: better-sqlite3's errors may come from another realm than Jest's sandbox.
    await expect(subscriptions.ack('risk', [1, 2])).rejects.toMatchObject({ message: 'database or disk is full' });
    expect(subscriptions.get('risk').checkpoint).toBe(0);
    db.exec('DROP TRIGGER full_disk');
    await subscriptions.ack('risk', [4]);
    // 1 and 2 were acked (the consumer was told the write failed); 3 was not.
    expect(subscriptions.get('risk').checkpoint).toBe(2);

    restart();
    expect(positions(await take(open(), 5))).toEqual([3, 5, 6, 7, 8]);
  });

  it('ends the session, disconnected, when the event store fails its reader; the consumer connects again later', async () => {
    const session = subscriptions.connect('risk');
    const deliveries = open(session);
    for (let taken = 0; taken < 12; ) {
      const batch = await take(deliveries, 1);
      await subscriptions.ack('risk', positions(batch));
      taken += batch.length;
    }
    const next = deliveries.next();
    await events.close(); // the store goes away
    await expect(next).rejects.toThrow(StoreUnavailableError);
    expect(session.endReason).toBe('disconnected');
    expect(subscriptions.get('risk').checkpoint).toBe(12);
  });

  it('replays parked events before new ones, and unparks them once acked', async () => {
    const deliveries = open();
    await take(deliveries, 5);
    for (let i = 0; i < 3; i++) subscriptions.nack('risk', 4, 'no');
    await subscriptions.ack('risk', [1, 2, 3, 5]);
    expect(positions(await take(deliveries, 5))).toEqual([6, 7, 8, 9, 10]);
    await subscriptions.ack('risk', [6, 7, 8, 9]);

    expect(subscriptions.replay('risk')).toBe(1);
    const [replayed, ...rest] = await take(deliveries, 1);
    expect(replayed).toMatchObject({ event: { position: 4 }, attempt: 1, replay: true });
    expect(positions(rest)).toEqual([11, 12]);
    await subscriptions.ack('risk', [4]);
    expect(subscriptions.parked('risk')).toEqual([]);
  });

  it('remembers nacks across a restart: the attempt count goes on', async () => {
    await take(open(), 5);
    subscriptions.nack('risk', 1, 'no');
    restart();
    const [first] = await take(open(), 1);
    expect(first).toMatchObject({ event: { position: 1 }, attempt: 2 });
  });

  it('takes acks sent after the consumer left, moving the checkpoint over them', async () => {
    const session = subscriptions.connect('risk');
    await take(open(session), 5);
    session.close('disconnected');
    expect(await subscriptions.ack('risk', [1, 2, 3])).toBe(3);
  });

  it('ends the session of a consumer that another one replaces, and of a deleted subscription', async () => {
    const first = subscriptions.connect('risk');
    await take(open(first), 1);
    const second = subscriptions.connect('risk');
    expect(first.endReason).toBe('replaced');
    subscriptions.delete('risk');
    expect(second.endReason).toBe('deleted');
    expect(() => subscriptions.get('risk')).toThrow(expect.objectContaining({ code: 'SUBSCRIPTION.NOT_FOUND' }));
  });

  it('answers a nack of an event not in flight with SUBSCRIPTION.NOT_IN_FLIGHT', async () => {
    await take(open(), 5);
    expect(() => subscriptions.nack('risk', 9, 'x')).toThrow(expect.objectContaining({ code: 'SUBSCRIPTION.NOT_IN_FLIGHT' }));
  });

  it('creates idempotently and refuses a different definition under the same name', async () => {
    expect((await subscriptions.create(definition, 'admin')).created).toBe(false);
    await expect(subscriptions.create({ ...definition, maxRetries: 9 }, 'admin')).rejects.toMatchObject({ code: 'SUBSCRIPTION.ALREADY_EXISTS' });
  });

  it('takes a subscription an earlier release stored with the type names current then as the same definition', async () => {
    // What the release before the real-deals model stored: its current names, normalized.
    new DurableSubscriptionStore(db).insert({
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
    new DurableSubscriptionStore(db).insert({ name: 'legacy', selection: {}, startPosition: 0, maxRetries: 3, maxInFlight: 100, createdBy: 'risk-service' });
    await events.append('party-iwatani', [{ ...newEvent(), type: 'PartyRegistered.v1' }], 'no_stream');
    const everything = { name: 'everything', selection: {}, from: 'start' as const, maxRetries: 3, maxInFlight: 100 };
    expect((await subscriptions.create(everything, 'risk-service')).subscription.selection).toEqual({ categories: ['deal', 'party', 'records'] });

    const streamsOf = async (name: string) => (await take(open(subscriptions.connect(name)), 13)).map((d) => d.event.streamId);
    expect(await streamsOf('everything')).toContain('party-iwatani');
    const legacy = open(subscriptions.connect('legacy'));
    expect((await take(legacy, 12)).every((d) => d.event.streamId.startsWith('deal-'))).toBe(true);
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
    new DurableSubscriptionStore(db).insert({ name: 'facts', selection: { categories: ['deal', 'party'] }, startPosition: 0, maxRetries: 3, maxInFlight: 100, createdBy: 'risk-service' });
    await events.append('records-personal-data', [{ ...newEvent(), type: 'PersonalDataErased.v1' }], 'no_stream');
    const everything = { name: 'everything', selection: {}, from: 'start' as const, maxRetries: 3, maxInFlight: 100 };
    expect((await subscriptions.create(everything, 'risk-service')).subscription.selection).toEqual({ categories: ['deal', 'party', 'records'] });
    expect((await take(open(subscriptions.connect('everything')), 13)).map((d) => d.event.streamId)).toContain('records-personal-data');

    const facts = open(subscriptions.connect('facts'));
    expect((await take(facts, 12)).every((d) => d.event.streamId.startsWith('deal-'))).toBe(true);
    await nothingPending(facts);
    const ensured = await subscriptions.create({ ...everything, name: 'facts' }, 'risk-service');
    expect(ensured).toMatchObject({ created: false, subscription: { selection: { categories: ['deal', 'party'] } } });
    // Asked with other categories named, it is another definition.
    await expect(subscriptions.create({ ...everything, name: 'facts', selection: { categories: ['deal', 'party', 'records'] } }, 'risk-service')).rejects.toMatchObject({
      code: 'SUBSCRIPTION.ALREADY_EXISTS',
    });
  });
});
