import type { LedgerErrorBody } from './types.js';

/** The ledger answered with an error; `code` is its stable code (`SUBSCRIPTION.NOT_FOUND`). */
export class LedgerHttpError extends Error {
  readonly code: string;

  constructor(
    readonly status: number,
    readonly body: Partial<LedgerErrorBody> | undefined,
  ) {
    super(`${status} ${body?.code ?? ''} ${body?.message ?? ''}`.trim());
    this.name = 'LedgerHttpError';
    this.code = body?.code ?? `HTTP.${status}`;
  }

  /** Asking again will not help: the request itself is wrong (bad filter, unknown subscription, no key). */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

/** The server ended the stream for good: another consumer took the subscription over, or it was deleted. */
export class StreamEndedError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'StreamEndedError';
  }
}

/** A handler threw: the subscription stopped at the event before, which it resumes after. */
export class HandlerError extends Error {
  constructor(
    readonly event: { position: string; type: string },
    cause: unknown,
  ) {
    super(`The handler failed on ${event.type} at ${event.position}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'HandlerError';
  }
}
