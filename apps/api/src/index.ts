/** What the `ledger` command uses of the API app. */
export { loadConfig, tamperEvidenceSettings, type LedgerConfig } from './config.js';
export { openEventStore, openLedgerRuntime, type LedgerRuntime } from './infrastructure/ledger-runtime.js';
export { ledgerProjections, type RuntimeOptions } from './infrastructure/ledger-runtime.js';
export { operationView, projectionView } from './admin/projection-views.js';
export { createHttpApp } from './http-app.js';
export { ApiKeyRegistry, parseApiKeysSetting, type StaticApiKey } from './auth/api-key-registry.js';
export { JwtVerifier, type JwtSettings } from './auth/jwt-verifier.js';
export { ROUTE_ACCESS, type RouteAccess } from './auth/route-access.js';
export { ROLE_PERMISSIONS, PERMISSIONS, rolesGrant, type Permission } from './auth/permissions.js';
export type { RateLimit } from './auth/identity-rate-limit.js';
export { dealCommandRoutes } from './deal/deal-command-routes.js';
export { RequestValidationError, type ErrorBody } from './http/error-body.js';
export { describeError } from './http/describe-error.js';
export { validateRequest } from './http/validation.js';
export type { SubscriptionOptions } from './subscriptions/subscription-options.js';
export { renderAccessMatrix } from './auth/access-matrix.js';
export {
  describeSignOutcome,
  openCheckpointSigning,
  openLedgerTransparency,
  startCheckpointSchedule,
  TRANSPARENCY_FILE,
  type CheckpointSigning,
  type LedgerTransparency,
} from './infrastructure/ledger-transparency.js';
