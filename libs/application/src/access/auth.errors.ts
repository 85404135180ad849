/** 401: no credential, or one that does not verify. `code` is stable; the reason is for people. */
export class AuthenticationError extends Error {
  constructor(
    readonly code: 'AUTH.UNAUTHENTICATED' | 'AUTH.TOKEN_EXPIRED' | 'AUTH.TOKEN_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** 403: a verified caller whose roles do not reach this route (or this resource). */
export class ForbiddenError extends Error {
  readonly code = 'AUTH.FORBIDDEN';

  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
