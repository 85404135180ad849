import { LedgerError, type ErrorKind } from '#domain';

/**
 * Failures of command handling that are not business rules: a stale `If-Match`, an
 * idempotency key reused for a different command, a read model that is unavailable.
 * `details` are shown to the caller; a `details.field` is the offending input.
 */
export class ApplicationError extends LedgerError {
  declare readonly details: Record<string, unknown>;

  constructor(code: string, message: string, kind: ErrorKind, details: Record<string, unknown> = {}) {
    super(code, message, kind, { details, field: typeof details.field === 'string' ? details.field : undefined });
  }
}

export const staleRevision = (dealId: string, expected: number, actual: number | 'no_stream'): ApplicationError =>
  new ApplicationError(
    'CONCURRENCY.STALE_REVISION',
    `Deal ${dealId} is at revision ${actual}, not ${expected}: read it again and retry`,
    'precondition_failed',
    { expectedRevision: expected, actualRevision: actual },
  );

export const idempotencyKeyReused = (commandId: string): ApplicationError =>
  new ApplicationError(
    'IDEMPOTENCY.KEY_REUSED',
    `Command id ${commandId} was already used for a different command`,
    'unprocessable',
    { commandId },
  );

export const tooManyConflicts = (dealId: string, attempts: number): ApplicationError =>
  new ApplicationError(
    'CONCURRENCY.TOO_MANY_CONFLICTS',
    `Deal ${dealId} kept changing under ${attempts} attempts; try again`,
    // A conflict that outlasts the retries is still a conflict (409), not an outage.
    'conflict',
    { attempts },
  );
