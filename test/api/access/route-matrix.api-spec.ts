import { JwtService } from '@nestjs/jwt';
import type { Role } from '#domain';
import { ROLE_PERMISSIONS, ROUTE_ACCESS, type Permission, type RouteAccess } from '../../../apps/api/src/index.js';
import { REFERENCE_DEAL_ID, referenceDealLines, routeOf } from '../../support/reference-deal.js';
import { ROLE_KEYS, bearer, type TestLedger } from '../../support/test-ledger.js';
import { useApiLedger } from '../support/api-ledger.js';

/**
 * The route × role matrix, generated from the route table and the role permissions: every
 * route is called by every role with real path parameters, and no credential, an expired
 * and a forged token are refused on every route but /health. A route added to the table
 * is covered without touching this file (unless it brings a new path parameter).
 */

const SECRET = 'route-matrix-secret-of-at-least-32-bytes!';
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'deal-ledger';
const ROLES = Object.keys(ROLE_KEYS) as Role[];
const FIGURE_ID = 'investment-amount';

/** Routes that stream Server-Sent Events: each probe below is answered before any streaming. */
const STREAMING = new Set(['GET /subscriptions/events', 'GET /deals/:dealId/events', 'GET /subscriptions/durable/:name/events']);

interface Probe {
  /** `METHOD /path?query`, as the table names it: what a failure message shows. */
  label: string;
  route: RouteAccess;
  path: string;
  query: Record<string, string>;
  /** What the guard should require for this request. */
  permission: Permission | 'public';
}

interface Fixtures {
  projection: string;
  keyId: string;
}

/** Concrete values for each path parameter; a new parameter fails loudly here. */
function concretePath(route: RouteAccess, fixtures: Fixtures): string {
  return route.path.replace(/:(\w+)/g, (_match, name: string) => {
    switch (name) {
      case 'dealId':
        return REFERENCE_DEAL_ID;
      case 'figureId':
        return FIGURE_ID;
      case 'partyId':
        return 'iwatani';
      case 'parentId':
        return 'carester';
      case 'id':
        return '1';
      case 'key':
        return fixtures.keyId;
      case 'holdId':
        // No hold is placed here: reached, then 404 (or 400 for the probe's body).
        return 'hold-0000000000000000';
      case 'treeSize':
        // No checkpoint of one event is ever signed here: reached, then 404.
        return '1';
      case 'name':
        if (route.path.startsWith('/schemas')) return 'envelope';
        if (route.path.startsWith('/admin/projections')) return fixtures.projection;
        // Answered 404 before any stream opens: the route is reached, nothing streams.
        if (route.path.endsWith('/events')) return 'no-such-subscription';
        // Deleted by the first role allowed to; the later ones get 404.
        if (route.method === 'DELETE') return 'matrix-doomed';
        return 'matrix-risk';
      default:
        throw new Error(`route-matrix: no concrete value for :${name} in ${route.method} ${route.path}`);
    }
  });
}

/** One probe per route, plus the as-of reads (an audit permission) and `follow=true`. */
function probesOf(fixtures: Fixtures): Probe[] {
  return ROUTE_ACCESS.flatMap((route) => {
    const key = `${route.method} ${route.path}`;
    const path = concretePath(route, fixtures);
    const base = { route, path, permission: route.permission };
    const probes: Probe[] = [];
    if (key === 'GET /subscriptions/events') {
      // An unknown parameter is a 400 before the stream starts.
      probes.push({ ...base, label: `${key}?matrixProbe`, query: { matrixProbe: '1' } });
    } else if (key === 'GET /deals/:dealId/events') {
      probes.push({ ...base, label: key, query: {} });
      // follow=true with `limit` is refused with 400 before the stream starts.
      probes.push({ ...base, label: `${key}?follow=true&limit=1`, query: { follow: 'true', limit: '1' } });
    } else {
      probes.push({ ...base, label: key, query: {} });
    }
    for (const name of route.asOfQuery ?? []) {
      probes.push({ ...base, label: `${key}?${name}`, query: { [name]: '2025-06-01' }, permission: 'audit:read' });
    }
    return probes;
  });
}

describe('the route × role matrix', () => {
  const file = useApiLedger({
    jwt: { algorithm: 'HS256', keys: [SECRET], issuer: ISSUER, audience: AUDIENCE, rolesClaim: 'roles', clockToleranceSeconds: 0 },
  });
  let ledger: TestLedger;
  let probes: Probe[];
  const jwt = new JwtService();
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    ledger = file.current;
    for (const line of referenceDealLines()) {
      await ledger.http().post(routeOf(line)).send(line.body).expect(201);
    }
    for (const name of ['matrix-risk', 'matrix-doomed']) {
      await ledger.anonymous().post('/subscriptions/durable').set(bearer(ROLE_KEYS.subscriber)).send({ name }).expect(201);
    }
    const issued = await ledger.http().post('/admin/keys').send({ name: 'matrix-key', roles: ['viewer'] }).expect(201);
    const projections = await ledger.http().get('/admin/projections').expect(200);
    probes = probesOf({ projection: projections.body.projections[0].name, keyId: issued.body.id });
  });

  /** Bodies that fail validation: an allowed write answers 400 and records nothing, a refused one 403. */
  async function send(probe: Probe, headers: Record<string, string>) {
    const agent = ledger.anonymous();
    const method = probe.route.method === 'GET' ? agent.get(probe.path) : probe.route.method === 'POST' ? agent.post(probe.path) : agent.delete(probe.path);
    const test = method.query(probe.query).set(headers).timeout({ deadline: 10_000 });
    return probe.route.method === 'GET' ? test : test.send({ matrixProbe: true });
  }

  it('the table has a path for every parameter and the probes cover every route', () => {
    expect(new Set(probes.map((p) => p.route))).toEqual(new Set(ROUTE_ACCESS));
    expect(probes.filter((p) => p.permission === 'audit:read' && p.label.includes('?')).map((p) => p.label)).toEqual([
      'GET /deals/:dealId?knownAt',
      'GET /deals/:dealId?validAt',
      'GET /parties/:partyId?knownAt',
      'GET /parties/:partyId?validAt',
    ]);
  });

  it.each(ROLES)('%s: refused with 403 AUTH.FORBIDDEN exactly where the role lacks the permission', async (role) => {
    const mismatches: string[] = [];
    let allowed = 0;
    for (const probe of probes) {
      const may = probe.permission === 'public' || ROLE_PERMISSIONS[role].includes(probe.permission);
      let status: number;
      let body: { code?: string; details?: { required?: string } };
      try {
        const response = await send(probe, bearer(ROLE_KEYS[role]));
        status = response.status;
        body = response.body;
      } catch (error) {
        mismatches.push(`${role} ${probe.label}: no answer (${(error as Error).message})`);
        continue;
      }
      if (may) {
        allowed += 1;
        if (status === 401 || status === 403 || status >= 500) mismatches.push(`${role} ${probe.label}: allowed, answered ${status} ${body.code}`);
      } else if (status !== 403 || body.code !== 'AUTH.FORBIDDEN' || body.details?.required !== probe.permission) {
        mismatches.push(`${role} ${probe.label}: needs ${probe.permission}, answered ${status} ${body.code} (required ${body.details?.required})`);
      }
    }
    expect(mismatches).toEqual([]);
    // Every role reaches something beyond /health.
    expect(allowed).toBeGreaterThan(1);
  });

  it('an as-of read of a deal is an audit read: refused to a viewer, allowed to an auditor', async () => {
    const asOf = `/deals/${REFERENCE_DEAL_ID}?knownAt=2025-06-01`;
    const viewer = await ledger.anonymous().get(asOf).set(bearer(ROLE_KEYS.viewer));
    expect(viewer.status).toBe(403);
    expect(viewer.body).toMatchObject({ code: 'AUTH.FORBIDDEN', details: { required: 'audit:read' } });
    const auditor = await ledger.anonymous().get(asOf).set(bearer(ROLE_KEYS.auditor));
    expect([401, 403]).not.toContain(auditor.status);
    expect(auditor.status).toBeLessThan(500);
    // The viewer still reads the deal as it stands now.
    await ledger.anonymous().get(`/deals/${REFERENCE_DEAL_ID}`).set(bearer(ROLE_KEYS.viewer)).expect(200);
  });

  it('/health answers 200 without a credential', async () => {
    const response = await ledger.anonymous().get('/health');
    expect(response.status).toBe(200);
  });

  it('every other route refuses a request without a credential: 401 AUTH.UNAUTHENTICATED with WWW-Authenticate', async () => {
    const mismatches: string[] = [];
    for (const probe of probes.filter((p) => p.permission !== 'public')) {
      const response = await send(probe, {});
      if (response.status !== 401 || response.body.code !== 'AUTH.UNAUTHENTICATED' || !/^Bearer/.test(response.headers['www-authenticate'] ?? '')) {
        mismatches.push(`${probe.label}: ${response.status} ${response.body.code} WWW-Authenticate=${response.headers['www-authenticate']}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('every other route refuses an expired JWT (AUTH.TOKEN_EXPIRED) and one signed with another secret (AUTH.TOKEN_INVALID)', async () => {
    // Admin tokens: any refusal is about the token, never about its roles.
    const expired = jwt.sign({ sub: 'jwt-admin', roles: ['admin'], iat: now() - 120, exp: now() - 60 }, { secret: SECRET, issuer: ISSUER, audience: AUDIENCE });
    const forged = jwt.sign({ sub: 'jwt-admin', roles: ['admin'] }, { secret: 'another-secret-of-at-least-32-bytes!!!', issuer: ISSUER, audience: AUDIENCE, expiresIn: 300 });
    const valid = jwt.sign({ sub: 'jwt-admin', roles: ['admin'] }, { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, expiresIn: 300 });
    // The same token with the right secret is accepted: the refusals below are about expiry and signature alone.
    await ledger.anonymous().get('/deals').set(bearer(valid)).expect(200);

    const mismatches: string[] = [];
    for (const probe of probes.filter((p) => p.permission !== 'public')) {
      for (const [token, code] of [
        [expired, 'AUTH.TOKEN_EXPIRED'],
        [forged, 'AUTH.TOKEN_INVALID'],
      ] as const) {
        const response = await send(probe, bearer(token));
        if (response.status !== 401 || response.body.code !== code || !response.headers['www-authenticate']) {
          mismatches.push(`${probe.label}: expected 401 ${code}, answered ${response.status} ${response.body.code}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('the routes the app registers are exactly the routes in the table (besides the OpenAPI document under /docs)', () => {
    const express = ledger.app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    const registered = new Set<string>();
    for (const layer of express.router.stack) {
      if (!layer.route) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') registered.add(`${method.toUpperCase()} ${layer.route.path}`);
      }
    }
    const table = new Set(ROUTE_ACCESS.map((route) => `${route.method} ${route.path}`));
    // SwaggerModule.setup registers the API description (/docs, /docs/openapi.json, its
    // UI files) on Express directly, outside Nest's guards: it is the one thing served
    // without the table. Anything else registered outside the table fails here.
    const swagger = (route: string) => /^GET \/docs(\/|-yaml$|$)/.test(route);
    expect({
      missingFromTable: [...registered].filter((r) => !table.has(r) && !swagger(r)).sort(),
      notRegistered: [...table].filter((r) => !registered.has(r)).sort(),
    }).toEqual({ missingFromTable: [], notRegistered: [] });
    expect([...registered].filter(swagger)).toContain('GET /docs/openapi.json');
    // Every route the table names is registered once per method.
    expect(table.size).toBe(ROUTE_ACCESS.length);
  });
});
