import type { EventStore } from '../event-store.port.js';

/**
 * The store `current()` is at each call: one that is closed, then opened again, as after an
 * outage (a test double for the parts that must follow the log across it).
 */
export function forwardingEventStore(current: () => EventStore): EventStore {
  return {
    append: (...args) => current().append(...args),
    appendMany: (...args) => current().appendMany(...args),
    readStream: (...args) => current().readStream(...args),
    readAll: (...args) => current().readAll(...args),
    headPosition: () => current().headPosition(),
    subscribe: (...args) => current().subscribe(...args),
    close: () => current().close(),
  };
}
