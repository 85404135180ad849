import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventStore, EventSubscription, JsonObject, NewEvent, RecordedEvent } from '../event-store.port.js';

/** What a contract run needs from an adapter: a fresh, empty store and how to dispose of it. */
export type EventStoreFactory = () => Promise<{ store: EventStore; cleanup(): Promise<void> }>;

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: 'analyst@example.org',
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    ...overrides,
  };
}

export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'SomethingHappened.v1',
    data: { n: 1 } as JsonObject,
    metadata: metadata(),
    ...overrides,
  };
}

export function newEvents(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent({ data: { n: i }, ...overrides }));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * The next `count` events of a subscription, then closes it. Fails (instead of hanging)
 * when they do not all arrive within `timeoutMs`.
 */
export async function take(subscription: EventSubscription, count: number, timeoutMs = 10_000): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    subscription.close();
  }, timeoutMs);
  try {
    if (count > 0) {
      for await (const event of subscription) {
        received.push(event);
        if (received.length >= count) break;
      }
    }
  } finally {
    clearTimeout(timer);
    subscription.close();
  }
  if (received.length < count) {
    const why = timedOut ? `timed out after ${timeoutMs} ms` : 'the subscription ended';
    throw new Error(`${why} with ${received.length} of ${count} events (last position ${received.at(-1)?.position ?? 'none'})`);
  }
  return received;
}

/** Lets other promise chains and I/O callbacks run, so concurrent work really interleaves. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

export function positionsOf(events: readonly RecordedEvent[]): number[] {
  return events.map((e) => e.position);
}

export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  return collect(store.readAll());
}

/**
 * What an adapter promises beyond the common ground of the port; the contract holds each
 * adapter to exactly what it declares.
 */
export interface AdapterTraits {
  /** 'dense': 1, 2, 3… without gaps (SQLite, in memory); 'sparse': increasing, with gaps (KurrentDB's log offsets). */
  positions: 'dense' | 'sparse';
  /** 'atomic': all or nothing; 'in-order': append by append, stopping at the first refusal (earlier ones stay written). */
  appendMany: 'atomic' | 'in-order';
  /**
   * Where a stored event id is refused again. 'unique-in-store': anywhere (SQLite's unique
   * index, the in-memory set). 'retried-write': only when it is among the last events of
   * the stream written to, as when the same write is sent again; KurrentDB keeps no index of
   * event ids, so an id stored in another stream, or earlier in the same one, is accepted.
   */
  eventIds: 'unique-in-store' | 'retried-write';
}

/**
 * `it` for a test about a trait the adapter declares; for other adapters the test is not
 * part of their contract (the contract holds them to their own trait instead).
 */
export function itWhen(declared: boolean): jest.It {
  return declared ? it : ((() => undefined) as unknown as jest.It);
}

export const DENSE_ATOMIC_UNIQUE: AdapterTraits = { positions: 'dense', appendMany: 'atomic', eventIds: 'unique-in-store' };

/**
 * The log seen as places: the n-th event of the log is at place n, whatever its position.
 * Tests speak in places, so that they hold for dense and sparse positions alike; for a
 * dense adapter, place and position are checked to be the same number.
 */
export interface LogPlaces {
  /** The position of the n-th event; 0 for n = 0 ("before the first event"). */
  at(n: number): number;
  /** The place of each event, by its position (-1 for a position not in the log). */
  of(events: readonly Pick<RecordedEvent, 'position'>[]): number[];
  /** The place of one position (0 for position 0). */
  placeOf(position: number): number;
}

/** Access to the store under test, for the parts of the contract. */
export interface ContractHarness {
  /** A fresh, empty store for the current test. */
  readonly store: EventStore;
  readonly traits: AdapterTraits;
  /** Runs `body` on another fresh store and disposes of it (property runs need one each). */
  withFreshStore<T>(body: (store: EventStore) => Promise<T>): Promise<T>;
  /** The places of the log as it is now (of the current store, or of `store`). */
  places(store?: EventStore): Promise<LogPlaces>;
}

/** Reads the whole log and checks that its positions increase (and are 1..N for a dense adapter). */
export async function logPlaces(store: EventStore, traits: AdapterTraits): Promise<LogPlaces> {
  const positions = positionsOf(await allEvents(store));
  positions.forEach((p, i) => {
    if (i > 0 && !(p > positions[i - 1]!)) throw new Error(`positions do not increase at place ${i + 1}: ${positions[i - 1]} then ${p}`);
  });
  if (traits.positions === 'dense') expect(positions).toEqual(range(1, positions.length));
  const placeOf = (position: number) => (position === 0 ? 0 : positions.indexOf(position) + 1 || -1);
  return {
    at: (n) => {
      if (n === 0) return 0;
      const position = positions[n - 1];
      if (position === undefined) throw new Error(`the log has ${positions.length} events, not ${n}`);
      return position;
    },
    of: (events) => events.map((e) => placeOf(e.position)),
    placeOf,
  };
}
