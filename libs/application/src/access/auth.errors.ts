import { LedgerError } from '#domain';

type AuthenticationCode = 'AUTH.UNAUTHENTICATED' | 'AUTH.TOKEN_EXPIRED' | 'AUTH.TOKEN_INVALID';

/** 401: no credential, or one that does not verify. `code` is stable; the reason is for people. */
export class AuthenticationError extends LedgerError {
  declare readonly code: AuthenticationCode;

  constructor(code: AuthenticationCode, message: string) {
    super(code, message, 'unauthenticated');
  }
}

/** 403: a verified caller whose roles do not reach this route (or this resource). */
export class ForbiddenError extends LedgerError {
  declare readonly code: 'AUTH.FORBIDDEN';
  declare readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown>) {
    super('AUTH.FORBIDDEN', message, 'forbidden', { details });
  }
}
