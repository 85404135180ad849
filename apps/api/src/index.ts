/**
 * The HTTP app, handed a built runtime (#runtime) by `ledger serve` and by tests. The
 * route table and permissions are exported for the tests that hold the API to them.
 */
export { createHttpApp, MAX_BODY_BYTES, type HttpAppOptions } from './http-app.js';
export type { AppModuleOptions } from './app.module.js';
export type { SubscriptionOptions } from './subscriptions/subscription-options.js';
export { ROUTE_ACCESS, type RouteAccess } from './auth/route-access.js';
export { ROLE_PERMISSIONS, PERMISSIONS, rolesGrant, type Permission } from './auth/permissions.js';
export { renderAccessMatrix } from './auth/access-matrix.js';
export { createLedgerLogger, type LedgerLogger, type LedgerLoggerOptions } from './observability/ledger-logger.js';
export { ShutdownState } from './observability/shutdown-state.js';
export { drainHttpApp, type DrainOutcome } from './observability/graceful-shutdown.js';
