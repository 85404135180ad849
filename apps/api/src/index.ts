/** What the `ledger` command uses of the API app. */
export { loadConfig, tamperEvidenceSettings, type LedgerConfig } from './config.js';
export { openEventStore, openLedgerRuntime, type LedgerRuntime } from './infrastructure/ledger-runtime.js';
export { ledgerProjections, type RuntimeOptions } from './infrastructure/ledger-runtime.js';
export { operationView, projectionView } from './admin/projection-views.js';
export { createHttpApp } from './http-app.js';
export { ApiKeyRegistry, loadOrCreateKeyFile, parseApiKeysSetting } from './auth/api-keys.js';
export { dealCommandRoutes } from './deal/deal-command-routes.js';
export { RequestValidationError, type ErrorBody } from './http/error-body.js';
export { describeError } from './http/describe-error.js';
export { validateRequest } from './http/validation.js';
export type { SubscriptionOptions } from './subscriptions/subscription-options.js';
