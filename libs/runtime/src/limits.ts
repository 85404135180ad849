/**
 * Per-identity limits: set in the configuration (LEDGER_RATE_LIMIT,
 * LEDGER_MAX_STREAMS_PER_IDENTITY), enforced by the HTTP app.
 */

/** At most `limit` requests per `windowMs` for one identity. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Enough for the web page and a busy service; one caller cannot starve the others. */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 1200, windowMs: 60_000 };

/** Event streams one identity may hold open at once (SSE follows and durable consumers together). */
export const DEFAULT_MAX_STREAMS_PER_IDENTITY = 16;
