export type * from './event-store.port.js';
export * from './event-store.errors.js';
export { assertWritableStreamName, categoryOf, matchesFilter, MAX_STREAM_NAME_LENGTH } from './stream-names.js';
export { canonicalJson } from './canonical-json.js';
export type { Clock } from './commit-time.js';
export { DEFAULT_POLL_INTERVAL_MS } from './catch-up-subscription.js';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './adapters/in-memory/in-memory-event-store.js';
export { SqliteEventStore, type SqlitePragmas } from './adapters/sqlite/sqlite-event-store.js';
export type { SqliteEventStoreOptions } from './adapters/sqlite/sqlite-options.js';
