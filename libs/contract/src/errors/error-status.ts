import type { ErrorKind } from '#domain';

/** The one place an error's kind becomes an HTTP status. */
export const statusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** The kind a foreign error's status stands for, when one does. */
export function kindOfStatus(status: number): ErrorKind | undefined {
  return (Object.keys(statusOfKind) as ErrorKind[]).find((kind) => statusOfKind[kind] === status);
}
