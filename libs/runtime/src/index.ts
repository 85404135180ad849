/**
 * The ledger's runtime, built by the entry point (`ledger` and tests) and handed to the
 * HTTP app: configuration from the environment, the event store, the read models and
 * their runner, the proofs file and checkpoint signing, and the callers' credentials.
 */
export { loadConfig, tamperEvidenceSettings, type KurrentDbConfig, type LedgerConfig, type StoreKind } from './config.js';
export { RETENTION_VARIABLES, retentionScheduleOf } from './retention-settings.js';
export { DEFAULT_OPERATIONS, LOG_LEVELS, type LogLevel, type OperationsSettings } from './operations-settings.js';
export { AppendObservations, type AppendObservation } from './append-observations.js';
export { DEFAULT_MAX_STREAMS_PER_IDENTITY, DEFAULT_RATE_LIMIT, type RateLimit } from './limits.js';
export { EARLIER_CHECKPOINT_CATEGORY, LEDGER_STREAM_CATEGORIES, openKurrentDbStore } from './kurrentdb-store.js';
export { ledgerProjections, openEventStore, openLedgerRuntime, openPersonalData, type PersonalData, READ_MODELS_FILE, type LedgerRuntime, type RuntimeOptions } from './ledger-runtime.js';
export {
  describeSignOutcome,
  openCheckpointSigning,
  openLedgerTransparency,
  startCheckpointSchedule,
  TRANSPARENCY_FILE,
  type CheckpointSigning,
  type LedgerTransparency,
} from './ledger-transparency.js';
export { ApiKeyRegistry, parseApiKeysSetting, type RefusedKeyEvent, type StaticApiKey } from './credentials/api-key-registry.js';
export { keyEventsOf, unsignedKeyEventsOf } from './credentials/key-event-trust.js';
export { JwtVerifier, looksLikeJwt, type JwtAlgorithm, type JwtSettings } from './credentials/jwt-verifier.js';
export type { Principal } from './credentials/principal.js';
export { consoleReport, type RuntimeReport } from './runtime-report.js';
export { assertSigningKeyMayBeCreated } from './credentials/signing-key-creation.js';
export { DEFAULT_SERVICE_NAME, startTracing, tracingSettingsOf, type Tracing, type TracingSettings } from './observability/tracing.js';
