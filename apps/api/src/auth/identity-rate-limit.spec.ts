import type { ExecutionContext } from '@nestjs/common';
import { IdentityRateLimitGuard } from './identity-rate-limit.js';
import type { Principal } from './principal.js';

/** A request of `actor` (or of nobody: /health) as the guard sees it, with the headers it set. */
function call(guard: IdentityRateLimitGuard, actor: string | undefined) {
  const headers: Record<string, string> = {};
  const principal: Principal | undefined = actor === undefined ? undefined : { actor, roles: ['viewer'], credential: `api-key:${actor}` };
  const context = {
    switchToHttp: () => ({
      getRequest: () => ({ principal }),
      getResponse: () => ({ setHeader: (name: string, value: string) => (headers[name] = value) }),
    }),
  } as unknown as ExecutionContext;
  try {
    return { allowed: guard.canActivate(context), headers };
  } catch (error) {
    return { allowed: false, error: error as { code: string; details: { retryAfterSeconds: number } }, headers };
  }
}

describe('IdentityRateLimitGuard', () => {
  afterEach(() => jest.useRealTimers());

  it('allows `limit` requests an identity a window, apart for each identity, then refuses with a Retry-After', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const guard = new IdentityRateLimitGuard({ limit: 3, windowMs: 10_000 });
    expect([1, 2, 3].map(() => call(guard, 'a').allowed)).toEqual([true, true, true]);
    jest.advanceTimersByTime(4_000);
    const refused = call(guard, 'a');
    expect(refused.error).toMatchObject({ code: 'REQUEST.RATE_LIMITED', details: { retryAfterSeconds: 6 } });
    expect(refused.headers).toMatchObject({ 'RateLimit-Limit': '3', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '6' });
    expect(call(guard, 'b')).toMatchObject({ allowed: true, headers: { 'RateLimit-Remaining': '2' } });
    jest.advanceTimersByTime(6_000);
    expect(call(guard, 'a').allowed).toBe(true);
  });

  it('never counts a request without a principal (/health)', () => {
    const guard = new IdentityRateLimitGuard({ limit: 1, windowMs: 60_000 });
    expect([1, 2, 3].map(() => call(guard, undefined).allowed)).toEqual([true, true, true]);
  });

  it('stays O(1) a request and bounded in memory under any number of requests', () => {
    jest.useFakeTimers({ now: 0 });
    const guard = new IdentityRateLimitGuard({ limit: 1_000_000, windowMs: 1_000 });
    for (let i = 0; i < 300_000; i++) call(guard, 'busy');
    for (let i = 0; i < 1_000; i++) call(guard, `one-off-${i}`);
    jest.advanceTimersByTime(1_000);
    call(guard, 'busy');
    expect((guard as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
