export type * from './event-store.port.js';
export * from './event-store.errors.js';
export { assertWritableStreamName, categoryOf, matchesFilter, MAX_STREAM_NAME_LENGTH } from './stream-names.js';
export { canonicalJson } from './canonical-json.js';
export type { Clock } from './commit-time.js';
export { DEFAULT_POLL_INTERVAL_MS } from './catch-up-subscription.js';
export { BatchFeed, type BatchFeedOptions } from './batch-feed.js';
export { PositionWaiters } from './position-waiters.js';
export { CoalescingAppender } from './coalescing-appender.js';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './adapters/in-memory/in-memory-event-store.js';
export { SqliteEventStore, type SqlitePragmas } from './adapters/sqlite/sqlite-event-store.js';
export type { SqliteEventStoreOptions } from './adapters/sqlite/sqlite-options.js';
export { KurrentDbEventStore } from './adapters/kurrentdb/kurrentdb-event-store.js';
export type { KurrentDbEventStoreOptions } from './adapters/kurrentdb/kurrentdb-options.js';
export { EVENT_HASH_ALGORITHM, GENESIS_HASH, eventHash, type HashedEventFields } from './chain/event-hash.js';
export { unreadableEventProblem, type ChainProblem, type ChainProblemCode, type CheckpointRef } from './chain/chain-problem.js';
export { ChainVerifier, type ChainVerifierOptions, type StreamHead, type StreamHeads } from './chain/chain-verifier.js';
export { openTransparencyDatabase, type TransparencyDatabaseOptions } from './transparency/transparency-database.js';
export { LogTree, type NewLeaf } from './transparency/log-tree.js';
export { LogTreeFollower, type LogTreeFollowerOptions, type LogTreeStatus } from './transparency/log-tree-follower.js';
export {
  CheckpointBook,
  MAX_COSIGNATURES,
  type StoredCheckpoint,
  type StoredCosignature,
  type StoredTimestamp,
} from './transparency/checkpoint-book.js';
export {
  verifyLog,
  type CheckpointToVerify,
  type VerificationProgress,
  type VerificationReport,
  type VerifiedCheckpoint,
  type VerifyLogOptions,
} from './transparency/verify-log.js';
export { MAX_EVENTS_PER_WRITE } from './append-preparation.js';
export {
  DISPOSAL_STREAM,
  DisposalRegistry,
  EVENTS_DISPOSED,
  type DisposalLookup,
  type DisposalMark,
  type DisposedEventRef,
  type EventsDisposedData,
  type RecordedDisposal,
} from './disposal/disposal-record.js';
export { describeFailure, hasSqliteCode, isTransientFailure } from './recovery/transient-failure.js';
export { RestartSchedule, type RestartScheduleOptions } from './recovery/restart-schedule.js';
export type { ComponentHealth, ComponentState, SelfHealing } from './recovery/component-health.js';
export { inSpan, ledgerTracer, markFailed, TRACER_NAME } from './tracing/ledger-tracing.js';
export { appendSpans, AppendSpans, traceAppend } from './tracing/append-spans.js';
