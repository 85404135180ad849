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

/** `subject` names what the stream holds: a deal unless said otherwise (`Party`). */
export const staleRevision = (dealId: string, expected: number, actual: number | 'no_stream', subject = 'Deal'): ApplicationError =>
  new ApplicationError(
    'CONCURRENCY.STALE_REVISION',
    `${subject} ${dealId} is at revision ${actual}, not ${expected}: read it again and retry`,
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

export const tooManyConflicts = (dealId: string, attempts: number, subject = 'Deal'): ApplicationError =>
  new ApplicationError(
    'CONCURRENCY.TOO_MANY_CONFLICTS',
    `${subject} ${dealId} kept changing under ${attempts} attempts; try again`,
    // A conflict that outlasts the retries is still a conflict (409), not an outage.
    'conflict',
    { attempts },
  );

/**
 * The command's events are durably recorded, but the read models did not show them in time
 * (they are faulted, rebuilding or far behind): a 201 now would let the caller read an answer
 * without its write. Sending the command again with the same command id (Idempotency-Key)
 * records nothing more and answers 201 once its events are readable.
 */
export const recordedNotReadable = (
  recorded: { dealId: string; revision: number; position: number; eventIds: string[] },
  commandId: string,
  readModels: { position: number; state: string },
): ApplicationError =>
  new ApplicationError(
    'COMMAND.RECORDED_NOT_READABLE',
    `Recorded at position ${recorded.position}, but the read models have not shown it yet: send it again with Idempotency-Key ${commandId}`,
    'unavailable',
    {
      recorded: true,
      commandId,
      dealId: recorded.dealId,
      revision: recorded.revision,
      position: String(recorded.position),
      eventIds: recorded.eventIds,
      readModelPosition: String(readModels.position),
      readModelState: readModels.state,
    },
  );
