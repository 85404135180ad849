import { HttpException } from '@nestjs/common';
import { ApplicationError, AuthenticationError, ForbiddenError, type ApplicationErrorKind } from '#application';
import { DomainError, type DomainErrorKind } from '#domain';
import { InvalidArgumentError, InvalidStreamNameError, StoreUnavailableError } from '#event-store';
import { ProjectionError, type ProjectionErrorKind } from '#projections';
import { RequestValidationError, type ErrorBody } from './error-body.js';

const domainStatus: Record<DomainErrorKind, number> = { invalid: 400, not_found: 404, conflict: 409 };
const applicationStatus: Record<ApplicationErrorKind, number> = {
  invalid: 400,
  precondition_failed: 412,
  unprocessable: 422,
  unavailable: 503,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

const projectionStatus: Record<ProjectionErrorKind, number> = { invalid: 400, not_found: 404, conflict: 409, unavailable: 503 };

/** Errors raised by Express's body parser before Nest sees the request. */
const bodyParserErrors: Record<string, { statusCode: number; code: string; message: string }> = {
  'entity.too.large': { statusCode: 413, code: 'REQUEST.BODY_TOO_LARGE', message: 'The body is larger than 256 KiB' },
  'entity.parse.failed': { statusCode: 400, code: 'REQUEST.MALFORMED_JSON', message: 'The body is not valid JSON' },
  'encoding.unsupported': { statusCode: 415, code: 'REQUEST.UNSUPPORTED_ENCODING', message: 'Unsupported content encoding' },
  'charset.unsupported': { statusCode: 415, code: 'REQUEST.UNSUPPORTED_CHARSET', message: 'Unsupported charset' },
  'request.aborted': { statusCode: 400, code: 'REQUEST.ABORTED', message: 'The request was aborted' },
  'request.size.invalid': { statusCode: 400, code: 'REQUEST.SIZE_INVALID', message: 'Body length mismatch' },
};

/** Any error → the answer a caller gets: a stable code, the field, never a stack. */
export function describeError(exception: unknown): ErrorBody {
  if (exception instanceof RequestValidationError) {
    const [first] = exception.errors;
    return {
      statusCode: 400,
      code: 'REQUEST.VALIDATION_FAILED',
      message: first?.message ?? 'The request is not valid',
      ...(first?.field ? { field: first.field } : {}),
      errors: exception.errors,
    };
  }
  if (exception instanceof DomainError) {
    const statusCode = domainStatus[exception.kind];
    return { statusCode, code: exception.code, message: exception.message, ...(exception.field ? { field: exception.field } : {}) };
  }
  if (exception instanceof ApplicationError) {
    const { field } = exception.details;
    return {
      statusCode: applicationStatus[exception.kind],
      code: exception.code,
      message: exception.message,
      ...(typeof field === 'string' ? { field } : {}),
      details: exception.details,
    };
  }
  if (exception instanceof AuthenticationError) {
    return { statusCode: 401, code: exception.code, message: exception.message };
  }
  if (exception instanceof ForbiddenError) {
    return { statusCode: 403, code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof ProjectionError) {
    return {
      statusCode: projectionStatus[exception.kind],
      code: exception.code,
      message: exception.message,
      details: exception.details,
    };
  }
  if (exception instanceof InvalidStreamNameError || exception instanceof InvalidArgumentError) {
    return { statusCode: 400, code: exception.code, message: exception.message };
  }
  if (exception instanceof StoreUnavailableError) {
    return { statusCode: 503, code: exception.code, message: 'The event store is unavailable' };
  }
  const parserError = bodyParserErrorOf(exception);
  if (parserError) return parserError;
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    return { statusCode, code: httpCode(statusCode), message: exception.message };
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'Internal error' };
}

/** Nest wraps body-parser's http-errors in an HttpException and keeps the original as `cause`. */
function bodyParserErrorOf(exception: unknown): ErrorBody | undefined {
  const original = exception instanceof HttpException && exception.cause !== undefined ? exception.cause : exception;
  if (original instanceof URIError) {
    return { statusCode: 400, code: 'REQUEST.MALFORMED_URI', message: 'The path has an invalid percent-encoding' };
  }
  const { type, code } = (original ?? {}) as { type?: unknown; code?: unknown };
  // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR…): a body that does not decode as its Content-Encoding says.
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return { statusCode: 400, code: 'REQUEST.MALFORMED_ENCODING', message: 'The body does not decode as its Content-Encoding says' };
  }
  return typeof type === 'string' ? bodyParserErrors[type] : undefined;
}

function httpCode(status: number): string {
  switch (status) {
    case 401:
      return 'AUTH.UNAUTHENTICATED';
    case 403:
      return 'AUTH.FORBIDDEN';
    case 404:
      return 'ROUTE.NOT_FOUND';
    case 405:
      return 'ROUTE.METHOD_NOT_ALLOWED';
    case 413:
      return 'REQUEST.BODY_TOO_LARGE';
    case 415:
      return 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'REQUEST.RATE_LIMITED';
    default:
      return status >= 500 ? 'INTERNAL' : `HTTP.${status}`;
  }
}
