import { ROLES } from '#domain';
import { PERMISSIONS, ROLE_PERMISSIONS, rolesGrant } from './permissions.js';
import { auditReadKindOf, permissionFor, ROUTE_ACCESS, routeAccessOf } from './route-access.js';

describe('the route table', () => {
  it('names each route once', () => {
    const keys = ROUTE_ACCESS.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leaves only /health, /health/live, /health/ready and /metrics public', () => {
    expect(ROUTE_ACCESS.filter((route) => route.permission === 'public').map((route) => route.path)).toEqual(['/health', '/health/live', '/health/ready', '/metrics']);
  });

  it('makes an as-of read of a deal an audit read, logged as as-of; a plain read is neither', () => {
    const route = routeAccessOf('GET', '/deals/:dealId')!;
    expect(permissionFor(route, {})).toBe('deals:read');
    expect(auditReadKindOf(route, {})).toBeUndefined();
    for (const query of [{ knownAt: '2025-08-01' }, { validAt: '2025-08-01' }, { knownAt: '', validAt: '1' }]) {
      expect(permissionFor(route, query)).toBe('audit:read');
      expect(auditReadKindOf(route, query)).toBe('as-of');
    }
  });

  it('makes an as-of read of a party an audit read too', () => {
    const route = routeAccessOf('GET', '/parties/:partyId')!;
    expect(permissionFor(route, {})).toBe('deals:read');
    expect(permissionFor(route, { validAt: '2025-04-01' })).toBe('audit:read');
    expect(routeAccessOf('POST', '/parties/:partyId/parents/:parentId/end')?.permission).toBe('facts:write');
  });

  it('answers HEAD as GET, and nothing for a route it does not hold', () => {
    expect(routeAccessOf('HEAD', '/deals')).toBe(routeAccessOf('GET', '/deals'));
    expect(routeAccessOf('PUT', '/deals')).toBeUndefined();
    expect(routeAccessOf('GET', '/deals/:dealId/secret')).toBeUndefined();
  });
});

describe('roles', () => {
  it('stack viewer ⊂ auditor ⊂ writer ⊂ admin (but holds:read, an auditor\'s and not a writer\'s); subscriber stands apart; admin holds every permission', () => {
    const includes = (a: readonly string[], b: readonly string[]) => a.every((p) => b.includes(p));
    expect(includes(ROLE_PERMISSIONS.viewer, ROLE_PERMISSIONS.auditor)).toBe(true);
    expect(includes(ROLE_PERMISSIONS.auditor.filter((p) => p !== 'holds:read'), ROLE_PERMISSIONS.writer)).toBe(true);
    expect(ROLES.filter((role) => rolesGrant([role], 'holds:read'))).toEqual(['auditor', 'admin']);
    expect(includes(ROLE_PERMISSIONS.writer, ROLE_PERMISSIONS.admin)).toBe(true);
    expect(ROLE_PERMISSIONS.admin).toEqual(PERMISSIONS);
    expect(rolesGrant(['subscriber'], 'deals:read')).toBe(false);
    expect(rolesGrant(['subscriber'], 'events:read')).toBe(true);
    expect(rolesGrant(['viewer', 'subscriber'], 'subscriptions:own')).toBe(true);
    expect(rolesGrant([], 'deals:read')).toBe(false);
  });

  it('grant only writers and admins the right to write, and only admins admin', () => {
    expect(ROLES.filter((role) => rolesGrant([role], 'facts:write'))).toEqual(['writer', 'admin']);
    expect(ROLES.filter((role) => rolesGrant([role], 'admin'))).toEqual(['admin']);
  });
});
