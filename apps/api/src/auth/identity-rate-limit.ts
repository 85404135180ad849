import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError } from '#application';
import type { RateLimit } from '#runtime';
import type { AuthenticatedRequest } from './principal.js';

export const RATE_LIMIT = Symbol('RATE_LIMIT');

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Requests per verified identity in fixed windows (the access guard runs first), so one
 * caller's burst never spends another's allowance. O(1) a request: a count and a start
 * per identity, dropped once their window is over. /health, the one route without a
 * credential, is never limited (a load balancer probes it from one address). A refused
 * credential is answered 401 by the access guard before it is counted: each costs one
 * hash lookup, and keys of 256 random bits cannot be guessed in any number of tries.
 * Over the limit: 429 `REQUEST.RATE_LIMITED` with Retry-After, and nothing is done.
 */
@Injectable()
export class IdentityRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(@Inject(RATE_LIMIT) private readonly rateLimit: RateLimit) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal) return true;
    const now = Date.now();
    this.sweep(now);
    const identity = request.principal.actor;
    let window = this.windows.get(identity);
    if (!window || now - window.startedAt >= this.rateLimit.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(identity, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + this.rateLimit.windowMs - now) / 1000));
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('RateLimit-Limit', String(this.rateLimit.limit));
    response.setHeader('RateLimit-Reset', String(resetSeconds));
    if (window.count >= this.rateLimit.limit) {
      response.setHeader('RateLimit-Remaining', '0');
      throw new ApplicationError(
        'REQUEST.RATE_LIMITED',
        `Too many requests from ${identity}: at most ${this.rateLimit.limit} every ${this.rateLimit.windowMs / 1000} s; wait ${resetSeconds} s`,
        'rate_limited',
        { limit: this.rateLimit.limit, windowSeconds: this.rateLimit.windowMs / 1000, retryAfterSeconds: resetSeconds },
      );
    }
    window.count += 1;
    response.setHeader('RateLimit-Remaining', String(this.rateLimit.limit - window.count));
    return true;
  }

  /** At most once a window: forgets the identities whose window is over (memory stays bounded). */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.rateLimit.windowMs) return;
    this.lastSweep = now;
    for (const [identity, window] of this.windows) {
      if (now - window.startedAt >= this.rateLimit.windowMs) this.windows.delete(identity);
    }
  }
}
