import { randomUUID } from 'node:crypto';
import { DurableSubscriptions, EventStreamSubscriptionStates, LiveEventFeed, SUBSCRIPTION_CATEGORY } from '#application';
import { verifyLog, type EventStore } from '#event-store';
import { LEDGER_STREAM_CATEGORIES } from '#runtime';
import { KurrentDbEventStore } from '../../libs/event-store/src/adapters/kurrentdb/kurrentdb-event-store.js';
import { KurrentDbClientDouble } from '../../libs/event-store/src/adapters/kurrentdb/testing/kurrentdb-client-double.js';
import { takeDeliveries } from '../../libs/application/src/subscriptions/durable/testing/take-deliveries.js';

/** One API replica's durable subscriptions, over its own connection to the shared server. */
interface Replica {
  store: EventStore;
  feed: LiveEventFeed;
  subscriptions: DurableSubscriptions;
}

async function replicaOver(client: KurrentDbClientDouble): Promise<Replica> {
  const store = await KurrentDbEventStore.overClient(client, { categories: LEDGER_STREAM_CATEGORIES, retryDelayMs: 1, maxRetryDelayMs: 5 });
  const feed = new LiveEventFeed(store);
  // Sessions look at the store for acks made elsewhere every 20 ms (1 s in service): the test need not wait.
  return { store, feed, subscriptions: new DurableSubscriptions(store, feed, new EventStreamSubscriptionStates(store), 20) };
}

const fact = () => {
  const id = randomUUID();
  return { eventId: id, type: 'NoteRecorded.v1', data: { note: id }, metadata: { actor: 'analyst', commandId: id, correlationId: id, causationId: id } };
};


/**
 * Issue 17, item 3, on the KurrentDB client DOUBLE (no server runs here): replicas serving one
 * KurrentDB database keep durable subscriptions' state in its streams, so a consumer that
 * reconnects to another replica goes on from the acks it made on the first, with its nacks and
 * parked events.
 */
describe('one durable subscription served by two replicas on KurrentDB (over the KurrentDB client double)', () => {
  const client = new KurrentDbClientDouble();
  let a: Replica;
  let b: Replica;
  const deals: number[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([replicaOver(client), replicaOver(client)]);
    for (let i = 0; i < 4; i++) await a.store.append(`deal-d${i}`, [fact(), fact(), fact()], 'no_stream');
    for await (const event of a.store.readAll({ filter: { categories: ['deal'] } })) deals.push(event.position);
  });

  afterAll(async () => {
    for (const replica of [a, b]) {
      replica.subscriptions.closeAll('shutdown');
      await replica.feed.close();
      await replica.store.close();
    }
  });

  it('receives on replica B exactly the events after the acks made on replica A, with the nacks and parked events A stored', async () => {
    await a.subscriptions.create({ name: 'risk', selection: { categories: ['deal'] }, from: 'start', maxRetries: 1, maxInFlight: 6 }, 'risk-service');
    const onA = await a.subscriptions.connect('risk');
    const firstSix = await takeDeliveries(onA, 6);
    expect(firstSix.map((d) => d.event.position)).toEqual(deals.slice(0, 6));
    // Acked out of order, one left unacked (deals[2]); deals[3] nacked twice: parked; deals[5] nacked once.
    await a.subscriptions.ack('risk', [deals[0]!, deals[1]!, deals[4]!]);
    expect(await a.subscriptions.nack('risk', deals[3]!, 'bad figure')).toEqual({ outcome: 'retry', attempts: 1 });
    expect(await a.subscriptions.nack('risk', deals[3]!, 'still bad')).toEqual({ outcome: 'parked', attempts: 2 });
    expect(await a.subscriptions.nack('risk', deals[5]!, 'later')).toEqual({ outcome: 'retry', attempts: 1 });
    onA.close('disconnected');

    // B has never served it: all it knows comes from the server.
    expect(await b.subscriptions.get('risk')).toMatchObject({ checkpoint: deals[1], parked: 1, createdBy: 'risk-service', connected: false });
    expect(await b.subscriptions.parked('risk')).toMatchObject([{ position: deals[3], reason: 'still bad', attempts: 2 }]);
    const onB = await b.subscriptions.connect('risk');
    const resumed = await takeDeliveries(onB, 6);
    // Nothing acked or parked comes again; the unacked one does, and the nacked one on its second attempt.
    expect(resumed.map((d) => [d.event.position, d.attempt])).toEqual([
      [deals[2], 1],
      [deals[5], 2],
      [deals[6], 1],
      [deals[7], 1],
      [deals[8], 1],
      [deals[9], 1],
    ]);
    await b.subscriptions.ack('risk', resumed.map((d) => d.event.position));
    expect((await a.subscriptions.get('risk')).checkpoint).toBe(deals[9]);

    // A replay asked on A reaches the consumer on B at its next connection; its ack there unparks it for both.
    expect(await a.subscriptions.replay('risk')).toBe(1);
    onB.close('disconnected');
    const replayed = await takeDeliveries(await b.subscriptions.connect('risk'), 1);
    expect(replayed).toMatchObject([{ event: { position: deals[3] }, replay: true }]);
    await b.subscriptions.ack('risk', [deals[3]!]);
    expect(await a.subscriptions.parked('risk')).toEqual([]);
  });

  it('frees the window of a consumer streaming from replica B whose acks reach replica A, and delivers there a replay asked on A', async () => {
    await a.subscriptions.create({ name: 'pricing-feed', selection: { categories: ['deal'] }, from: 'start', maxRetries: 0, maxInFlight: 3 }, 'pricing');
    const deliveries = (await b.subscriptions.connect('pricing-feed')).deliveries()[Symbol.asyncIterator]();
    const first = await takeDeliveries(deliveries, 3);
    expect(first.map((d) => d.event.position)).toEqual(deals.slice(0, 3));
    // The window is full; the acks go through the other replica (a load balancer's choice).
    await a.subscriptions.ack('pricing-feed', deals.slice(0, 3));
    const next = await takeDeliveries(deliveries, 3);
    expect(next.map((d) => d.event.position)).toEqual(deals.slice(3, 6));
    // Nacked where the stream is (maxRetries 0: parked at once, which frees a slot), replayed from the other replica.
    expect(await b.subscriptions.nack('pricing-feed', deals[3]!, 'no price')).toEqual({ outcome: 'parked', attempts: 1 });
    expect((await takeDeliveries(deliveries, 1)).map((d) => d.event.position)).toEqual([deals[6]]);
    expect(await a.subscriptions.replay('pricing-feed')).toBe(1);
    await a.subscriptions.ack('pricing-feed', [deals[4]!, deals[5]!]);
    const after = await takeDeliveries(deliveries, 2);
    expect(after.map((d) => [d.event.position, d.replay])).toEqual([
      [deals[3], true],
      [deals[7], false],
    ]);
    expect((await b.subscriptions.get('pricing-feed')).checkpoint).toBe(deals[5]);
  });

  it('keeps every settlement when both replicas write at once, and a replica starting cold reads a bounded tail', async () => {
    await a.subscriptions.create({ name: 'audit', selection: { categories: ['deal'] }, from: 'start', maxRetries: 3, maxInFlight: 100 }, 'audit-service');
    // Acks arriving at either replica without a consumer connected there: 300 state events.
    const acks = Array.from({ length: 300 }, (_, n) => [a, b][n % 2]!.subscriptions.ack('audit', [deals[n % deals.length]!]));
    await Promise.all(acks);
    // Neither saw every ack of the other as it wrote, yet nothing is lost: each event is behind the checkpoint or settled above it.
    const state = await new EventStreamSubscriptionStates(a.store).sessionState('audit');
    expect(deals.filter((position) => position > state.checkpoint && !state.settledAbove.has(position))).toEqual([]);
    expect(state.checkpoint).toBeGreaterThan(0);

    expect((await a.store.readStream(`${SUBSCRIPTION_CATEGORY}-state-audit`)).length).toBeGreaterThan(300);
    const cold = await replicaOver(client);
    const reads: number[] = [];
    const counting = new Proxy(cold.store, {
      get: (target, property) =>
        property === 'readStream'
          ? async (...args: Parameters<EventStore['readStream']>) => {
              const events = await target.readStream(...args);
              if (args[0].startsWith(`${SUBSCRIPTION_CATEGORY}-state-`)) reads.push(events.length);
              return events;
            }
          : (Reflect.get(target, property) as unknown),
    });
    try {
      expect(await new EventStreamSubscriptionStates(counting).sessionState('audit')).toEqual(await new EventStreamSubscriptionStates(a.store).sessionState('audit'));
      expect(reads.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(200);
    } finally {
      await cold.feed.close();
      await cold.store.close();
    }
    expect((await verifyLog(a.store)).ok).toBe(true);
  });

  it('creates a name once when both replicas are asked at the same time, and a name deleted on one is gone on the other', async () => {
    const definition = { name: 'pricing', selection: {}, from: 'start' as const, maxRetries: 3, maxInFlight: 10 };
    const [onA, onB] = await Promise.all([a.subscriptions.create(definition, 'svc'), b.subscriptions.create(definition, 'svc')]);
    expect([onA.created, onB.created].sort()).toEqual([false, true]);
    await b.subscriptions.ack('pricing', [deals[0]!]);
    await a.subscriptions.delete('pricing');
    await expect(b.subscriptions.get('pricing')).rejects.toMatchObject({ code: 'SUBSCRIPTION.NOT_FOUND' });
    // Created again: a new subscription, at its start, whatever the deleted one had settled.
    await b.subscriptions.create(definition, 'svc');
    expect((await a.subscriptions.get('pricing')).checkpoint).toBe(0);
  });
});
