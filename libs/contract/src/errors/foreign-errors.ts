import { HttpException } from '@nestjs/common';
import { LedgerError, type ErrorKind } from '#domain';
import { isTransientFailure } from '#event-store';
import { kindOfStatus } from './error-status.js';

/** Errors raised by Express's body parser (http-errors' `type`) before Nest sees the request. */
const bodyParserErrors: Record<string, { kind: ErrorKind; code: string; message: string }> = {
  'entity.too.large': { kind: 'too_large', code: 'REQUEST.BODY_TOO_LARGE', message: 'The body is larger than 256 KiB' },
  'entity.parse.failed': { kind: 'invalid', code: 'REQUEST.MALFORMED_JSON', message: 'The body is not valid JSON' },
  'encoding.unsupported': { kind: 'unsupported_media_type', code: 'REQUEST.UNSUPPORTED_ENCODING', message: 'Unsupported content encoding' },
  'charset.unsupported': { kind: 'unsupported_media_type', code: 'REQUEST.UNSUPPORTED_CHARSET', message: 'Unsupported charset' },
  'request.aborted': { kind: 'invalid', code: 'REQUEST.ABORTED', message: 'The request was aborted' },
  'request.size.invalid': { kind: 'invalid', code: 'REQUEST.SIZE_INVALID', message: 'Body length mismatch' },
};

/** The codes of the refusals Nest makes itself (an unknown route…); other 4xx keep `HTTP.<status>`. */
const nestCodes: Partial<Record<ErrorKind, string>> = {
  unauthenticated: 'AUTH.UNAUTHENTICATED',
  forbidden: 'AUTH.FORBIDDEN',
  not_found: 'ROUTE.NOT_FOUND',
  method_not_allowed: 'ROUTE.METHOD_NOT_ALLOWED',
  too_large: 'REQUEST.BODY_TOO_LARGE',
  unsupported_media_type: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  rate_limited: 'REQUEST.RATE_LIMITED',
};

/**
 * A ledger file (the store, the read models, the subscriptions' or the log tree's) met a
 * failure that passes once the machine recovers: a full disk, an I/O error, a lock. The
 * caller may try again; the answer names no file, the log has the whole error.
 */
export class StorageUnavailableError extends LedgerError {
  constructor(cause: unknown) {
    super('STORAGE.UNAVAILABLE', "The ledger's storage is unavailable for now: try again shortly", 'unavailable', { cause });
  }
}

/**
 * A failure of SQLite that passes (see isTransientFailure), raw or as the cause of an error
 * of ours that would otherwise be internal: the caller is told to try again, not of a fault.
 */
export function fromTransientFailure(exception: unknown): LedgerError | undefined {
  if (exception instanceof LedgerError && exception.kind !== 'internal') return undefined;
  return isTransientFailure(exception) ? new StorageUnavailableError(exception) : undefined;
}

/**
 * The errors of the libraries under the HTTP app (body-parser, zlib, the URI decoder,
 * Nest), translated once into the ledger's own. Anything else is not ours to describe:
 * undefined, which the caller answers as an internal error.
 */
export function fromForeignError(exception: unknown): LedgerError | undefined {
  // Nest wraps body-parser's http-errors in an HttpException and keeps the original as `cause`.
  const original = exception instanceof HttpException && exception.cause !== undefined ? exception.cause : exception;
  if (original instanceof URIError) {
    return new LedgerError('REQUEST.MALFORMED_URI', 'The path has an invalid percent-encoding', 'invalid');
  }
  const { type, code } = (original ?? {}) as { type?: unknown; code?: unknown };
  // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR…): a body that does not decode as its Content-Encoding says.
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new LedgerError('REQUEST.MALFORMED_ENCODING', 'The body does not decode as its Content-Encoding says', 'invalid');
  }
  const parserError = typeof type === 'string' && Object.hasOwn(bodyParserErrors, type) ? bodyParserErrors[type] : undefined;
  if (parserError) return new LedgerError(parserError.code, parserError.message, parserError.kind);
  return exception instanceof HttpException ? fromHttpException(exception) : undefined;
}

/** A 5xx of Nest's is a fault of ours (internal); a 4xx with no kind of its own is still the caller's (400). */
function fromHttpException(exception: HttpException): LedgerError | undefined {
  const status = exception.getStatus();
  if (status >= 500) return undefined;
  const kind = kindOfStatus(status) ?? 'invalid';
  return new LedgerError(nestCodes[kind] ?? `HTTP.${status}`, exception.message, kind);
}
