/** The operator's settings (`OperationsSettings` of #runtime: readiness bound, shutdown grace) as the app sees them. */
export const OPERATIONS_SETTINGS = Symbol('OPERATIONS_SETTINGS');
