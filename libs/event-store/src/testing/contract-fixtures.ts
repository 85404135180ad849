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

/** Access to the store under test, for the parts of the contract. */
export interface ContractHarness {
  /** A fresh, empty store for the current test. */
  readonly store: EventStore;
  /** Runs `body` on another fresh store and disposes of it (property runs need one each). */
  withFreshStore<T>(body: (store: EventStore) => Promise<T>): Promise<T>;
}
