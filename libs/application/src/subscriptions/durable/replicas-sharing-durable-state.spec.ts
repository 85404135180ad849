import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '#event-store';
import { LiveEventFeed } from '../live-event-feed.js';
import { DurableSubscriptions } from './durable-subscriptions.js';
import { EventStreamSubscriptionStates } from './event-stream-subscription-states.js';
import { takeDeliveries } from './testing/take-deliveries.js';

const newEvent = () => ({
  eventId: randomUUID(),
  type: 'NoteRecorded.v1',
  data: {},
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c', causationId: 'c' },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether `holds` comes true within a generous bound (many check intervals): the looks at the
 * shared state are timed, so a loaded machine may need more than two; never is a failure.
 */
async function eventually(holds: () => boolean | Promise<boolean>, withinMs = 5_000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (await holds()) return true;
    await sleep(10);
  }
  return holds();
}

/** How often a session of these replicas looks at the shared state. */
const CHECK_MS = 50;

/** Two replicas (A and B) over one event store, whose durable subscriptions' state lives in its streams. */
describe('durable subscriptions shared by replicas', () => {
  let events: InMemoryEventStore;
  let feed: LiveEventFeed;
  let statesA: EventStreamSubscriptionStates;
  let a: DurableSubscriptions;
  let b: DurableSubscriptions;
  /** The looks replica A took at the shared state. */
  let storeChecksOfA: number;

  beforeEach(async () => {
    events = new InMemoryEventStore();
    feed = new LiveEventFeed(events);
    statesA = new EventStreamSubscriptionStates(events);
    const sessionState = statesA.sessionState.bind(statesA);
    storeChecksOfA = 0;
    statesA.sessionState = (name) => {
      storeChecksOfA++;
      return sessionState(name);
    };
    a = new DurableSubscriptions(events, feed, statesA, CHECK_MS);
    b = new DurableSubscriptions(events, feed, new EventStreamSubscriptionStates(events), CHECK_MS);
    for (let i = 0; i < 4; i++) await events.append(`deal-d${i}`, [newEvent(), newEvent(), newEvent()], 'no_stream');
  });

  afterEach(async () => {
    a.closeAll('shutdown');
    b.closeAll('shutdown');
    await feed.close();
  });

  it('looks at the shared state about once per check interval while events flow, not once per batch', async () => {
    await a.create({ name: 'flow', selection: {}, from: 'end', maxRetries: 2, maxInFlight: 100 }, 'svc');
    const deliveries = (await a.connect('flow')).deliveries()[Symbol.asyncIterator]();
    const acks: Promise<unknown>[] = [];
    const consumer = (async () => {
      for (let received = 0; received < 100; ) {
        const next = await deliveries.next();
        if (next.done) break;
        received += next.value.length;
        const acked = next.value.map((delivery) => delivery.event.position);
        acks.push(sleep(20).then(() => a.ack('flow', acked)));
      }
      await Promise.all(acks);
    })();
    storeChecksOfA = 0;
    const started = Date.now();
    // One event at a time: about one batch each.
    for (let i = 0; i < 100; i++) {
      await events.append(`deal-x${i}`, [newEvent()], 'no_stream');
      await sleep(3);
    }
    await consumer;
    const intervals = (Date.now() - started) / CHECK_MS;
    // Acks without a session would look too; this one has its session throughout.
    expect(storeChecksOfA).toBeLessThanOrEqual(Math.ceil(intervals) + 1);
  });

  describe('a subscription deleted and created again on replica B while a consumer streams from replica A', () => {
    const definition = { name: 'risk', selection: {}, from: 'start' as const, maxRetries: 2, maxInFlight: 5 };

    async function streamingOnA() {
      await a.create(definition, 'svc');
      const session = await a.connect('risk');
      const deliveries = session.deliveries()[Symbol.asyncIterator]();
      await takeDeliveries(deliveries, 5);
      await a.ack('risk', [1, 2, 3]);
      await b.delete('risk');
      await b.create(definition, 'svc');
      return { session, deliveries };
    }

    /** The consumer's stream stays open, pulling what comes, until the session ends. */
    async function pullUntilEnd(deliveries: AsyncIterator<unknown>): Promise<void> {
      while (!(await deliveries.next()).done);
    }

    it("refuses the old consumer's next ack as for an unknown subscription, and the new one keeps its checkpoint", async () => {
      const { session } = await streamingOnA();
      await expect(a.ack('risk', [4])).rejects.toMatchObject({ code: 'SUBSCRIPTION.NOT_FOUND' });
      expect(session.endReason).toBe('deleted');
      expect(await b.get('risk')).toMatchObject({ checkpoint: 0, parked: 0 });
      // The new subscription delivers from its start.
      const fresh = (await b.connect('risk')).deliveries()[Symbol.asyncIterator]();
      expect((await takeDeliveries(fresh, 5)).map((delivery) => delivery.event.position)).toEqual([1, 2, 3, 4, 5]);
    });

    it("refuses the old consumer's nack the same way", async () => {
      const { session } = await streamingOnA();
      await expect(a.nack('risk', 4, 'no')).rejects.toMatchObject({ code: 'SUBSCRIPTION.NOT_FOUND' });
      expect(session.endReason).toBe('deleted');
      const fresh = (await b.connect('risk')).deliveries()[Symbol.asyncIterator]();
      expect(await takeDeliveries(fresh, 5)).toMatchObject([{ event: { position: 1 }, attempt: 1 }, {}, {}, { event: { position: 4 }, attempt: 1 }, {}]);
    });

    it("ends the old consumer's session, 'deleted', at A's next look at the shared state", async () => {
      const { session, deliveries } = await streamingOnA();
      const pulling = pullUntilEnd(deliveries);
      expect(await eventually(() => session.endReason !== undefined)).toBe(true);
      expect(session.endReason).toBe('deleted');
      await pulling;
      expect((await b.get('risk')).checkpoint).toBe(0);
      expect((await a.get('risk')).connected).toBe(false);
    });

    it("ends it too when the subscription is only deleted", async () => {
      await a.create(definition, 'svc');
      const session = await a.connect('risk');
      const deliveries = session.deliveries()[Symbol.asyncIterator]();
      await takeDeliveries(deliveries, 5);
      const pulling = pullUntilEnd(deliveries);
      await b.delete('risk');
      expect(await eventually(() => session.endReason !== undefined)).toBe(true);
      expect(session.endReason).toBe('deleted');
      await pulling;
    });
  });

  it('unparks a replayed event acked on the replica the consumer does not stream from, and frees its slot on the one it streams from', async () => {
    await a.create({ name: 'pricing', selection: { dealIds: ['d0'] }, from: 'start', maxRetries: 0, maxInFlight: 2 }, 'svc');
    const deliveries = (await b.connect('pricing')).deliveries()[Symbol.asyncIterator]();
    await takeDeliveries(deliveries, 2);
    expect(await b.nack('pricing', 1, 'bad figure')).toMatchObject({ outcome: 'parked' });
    await takeDeliveries(deliveries, 1);
    await b.ack('pricing', [2, 3]);
    const replayed = takeDeliveries(deliveries, 1);
    await a.replay('pricing');
    expect(await replayed).toMatchObject([{ event: { position: 1 }, replay: true }]);
    // The consumer's ack reaches replica A (behind a load balancer), which has no session.
    await a.ack('pricing', [1]);
    expect(await a.parked('pricing')).toEqual([]);
    // B's stream waits for more; at its next look it drops the replay from its window.
    void deliveries.next();
    expect(await eventually(async () => (await b.get('pricing')).inFlight === 0)).toBe(true);
    expect(await b.get('pricing')).toMatchObject({ connected: true, inFlight: 0, parked: 0 });
  });
});
