/** What the `ledger` command uses of the API app. */
export { loadConfig, type LedgerConfig } from './config.js';
export { openEventStore, openLedgerRuntime, type LedgerRuntime } from './infrastructure/ledger-runtime.js';
export { createHttpApp } from './http-app.js';
export { ApiKeyRegistry, loadOrCreateKeyFile, parseApiKeysSetting } from './auth/api-keys.js';
export { dealCommandRoutes } from './deal/deal-command-routes.js';
export { RequestValidationError, type ErrorBody } from './http/error-body.js';
export { describeError } from './http/describe-error.js';
export { validateRequest } from './http/validation.js';
