/**
 * Failures of command handling that are not business rules: a stale `If-Match`, an
 * idempotency key reused for a different command, a read model that is unavailable.
 */
export type ApplicationErrorKind = 'invalid' | 'precondition_failed' | 'unprocessable' | 'unavailable' | 'not_found' | 'conflict' | 'rate_limited';

export class ApplicationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: ApplicationErrorKind,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApplicationError';
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
    'unavailable',
    { attempts },
  );
