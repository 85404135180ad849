import { LedgerError } from '#domain';

/** The one error shape every 4xx/5xx answer has. `code` is stable; `message` is for people. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  /** The offending input, as a path into the request (`amount.value.currency`). */
  field?: string;
  /** Every problem found, when there were several. */
  errors?: { field: string; message: string }[];
  details?: Record<string, unknown>;
}

/**
 * Thrown for request shape problems (class-validator's findings, a bad header or query),
 * answered 400 with every problem; the first one is the answer's `message` and `field`.
 */
export class RequestValidationError extends LedgerError {
  constructor(
    readonly errors: { field: string; message: string }[],
    code = 'REQUEST.VALIDATION_FAILED',
  ) {
    super(code, errors.map((e) => `${e.field}: ${e.message}`).join('; '), 'invalid', { field: errors[0]?.field || undefined });
  }

  override get publicMessage(): string {
    return this.errors[0]?.message ?? 'The request is not valid';
  }
}
