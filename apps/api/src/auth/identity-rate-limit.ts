import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AuthenticatedRequest } from './principal.js';

/** At most `limit` requests per `windowMs` for one identity. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Enough for the web page and a busy service; one caller cannot starve the others. */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 1200, windowMs: 60_000 };

/**
 * Counted per verified identity (the access guard runs first), so one caller's burst
 * never spends another's allowance; /health, the one route without a credential, is not
 * counted. A refused credential is answered 401 by the access guard before
 * it is counted: each costs one hash lookup, and the keys (256 random bits) cannot be
 * guessed in any number of tries. Over the limit: 429 `REQUEST.RATE_LIMITED` with Retry-After.
 */
export function identityRateLimit(rateLimit: RateLimit = DEFAULT_RATE_LIMIT): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', limit: rateLimit.limit, ttl: rateLimit.windowMs }],
    getTracker: (request: Record<string, unknown>) => {
      const principal = (request as unknown as AuthenticatedRequest).principal;
      return principal ? `actor:${principal.actor}` : `address:${(request as unknown as AuthenticatedRequest).ip ?? 'unknown'}`;
    },
    // A load balancer's probes all come from one address: /health is never limited.
    skipIf: (context) => (context.switchToHttp().getRequest<AuthenticatedRequest>().route as { path?: string } | undefined)?.path === '/health',
    // One count per identity across every route (the default key adds the route's handler).
    generateKey: (_context, tracker, throttler) => `${throttler}:${tracker}`,
    errorMessage: 'Too many requests from this identity: wait for Retry-After seconds',
  };
}
