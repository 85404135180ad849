/**
 * How a caller should read a refusal, whatever layer raised it. The HTTP app turns a kind
 * into a status with one table; no layer below it knows statuses or codes of other layers.
 * The spellings are the ones every layer already used (`not_found`, `precondition_failed`…).
 */
export const ERROR_KINDS = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'precondition_failed',
  'too_large',
  'unsupported_media_type',
  'unprocessable',
  'rate_limited',
  'internal',
  'unavailable',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface LedgerErrorOptions {
  /** The offending input, as a path into the request (`amount.value.currency`). */
  field?: string | undefined;
  /** Facts a caller can act on (the actual revision, the retry delay…), shown to it as they are. */
  details?: Record<string, unknown> | undefined;
  /** The underlying failure, for logs only. */
  cause?: unknown;
}

/**
 * The one base of every error the ledger raises on purpose: a stable `code`
 * (`DEAL.NOT_FOUND`), a `kind`, and optionally the `field` and `details`. It lives in the
 * lowest layer and imports nothing, so that the event store can extend it too.
 */
export class LedgerError extends Error {
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind,
    options: LedgerErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.field = options.field;
    this.details = options.details;
  }

  /** What a caller is told. `message` may say more (paths, hosts) for the operator's log. */
  get publicMessage(): string {
    return this.message;
  }
}
