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

/** Thrown for request shape problems; the filter turns it into a 400. */
export class RequestValidationError extends Error {
  constructor(readonly errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'RequestValidationError';
  }
}
