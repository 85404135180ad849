import { LedgerError } from '#domain';
import { RequestValidationError, type ErrorBody } from './error-body.js';
import { statusOfKind } from './error-status.js';
import { fromForeignError, fromTransientFailure } from './foreign-errors.js';

/** Any error → the answer a caller gets: a stable code, the field, never a stack. */
export function describeError(exception: unknown): ErrorBody {
  const error = fromTransientFailure(exception) ?? (exception instanceof LedgerError ? exception : fromForeignError(exception));
  // An internal error tells the caller nothing of itself; the filter logs it whole.
  if (error === undefined || error.kind === 'internal') return { statusCode: 500, code: 'INTERNAL', message: 'Internal error' };
  return {
    statusCode: statusOfKind[error.kind],
    code: error.code,
    message: error.publicMessage,
    ...(error.field ? { field: error.field } : {}),
    ...(error instanceof RequestValidationError ? { errors: error.errors } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}
