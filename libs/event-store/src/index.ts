export type * from './event-store.port.js';
export * from './event-store.errors.js';
export { assertWritableStreamName, categoryOf, matchesFilter, MAX_STREAM_NAME_LENGTH } from './stream-names.js';
export { canonicalJson } from './canonical-json.js';
export type { Clock } from './commit-time.js';
export { DEFAULT_POLL_INTERVAL_MS } from './catch-up-subscription.js';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './adapters/in-memory/in-memory-event-store.js';
export { SqliteEventStore, type SqlitePragmas } from './adapters/sqlite/sqlite-event-store.js';
export type { SqliteEventStoreOptions } from './adapters/sqlite/sqlite-options.js';
export { KurrentDbEventStore } from './adapters/kurrentdb/kurrentdb-event-store.js';
export type { KurrentDbEventStoreOptions } from './adapters/kurrentdb/kurrentdb-options.js';
export { EVENT_HASH_ALGORITHM, GENESIS_HASH, eventHash, type HashedEventFields } from './chain/event-hash.js';
export type { ChainProblem, ChainProblemCode } from './chain/chain-problem.js';
export { ChainVerifier, type ChainVerifierOptions, type StreamHead } from './chain/chain-verifier.js';
export {
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_FORMAT,
  CHECKPOINT_STREAM,
  checkpointSignatureProblem,
  headEntries,
  headsProblem,
  publicKeyId,
  signCheckpoint,
  withoutHeads,
  type Checkpoint,
  type CheckpointWithHeads,
  type HeadEntry,
} from './chain/checkpoint.js';
export { parseCheckpoint, type ParsedCheckpoint } from './chain/checkpoint-parse.js';
export { headInclusionProof, headsRoot, rootOfInclusionProof, type HeadInclusionProof } from './chain/heads-tree.js';
export { appendCheckpoint, readStoredCheckpoints } from './chain/checkpoint-stream.js';
export {
  streamHeadsAt,
  verifyChains,
  type CheckpointToVerify,
  type VerificationProgress,
  type VerificationReport,
  type VerifiedCheckpoint,
  type VerifyChainsOptions,
} from './chain/verify-chains.js';
export { createCheckpoint, type CreateCheckpointOptions, type CreatedCheckpoint } from './chain/create-checkpoint.js';
export { MAX_EVENTS_PER_WRITE } from './append-preparation.js';
