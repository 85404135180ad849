import type { AuditReadKind } from '#application';
import { FACT_COMMAND_PATHS, FIGURE_COMMAND_PATHS } from '#contract';
import type { Permission } from './permissions.js';

export type RouteMethod = 'GET' | 'POST' | 'DELETE';

export interface RouteAccess {
  method: RouteMethod;
  /** The path as registered (Express syntax), e.g. `/deals/:dealId/diff`. */
  path: string;
  /** What a caller needs; `public` only for /health, /health/live, /health/ready and /metrics. */
  permission: Permission | 'public';
  /** Query parameters that turn the read into an as-of read: it then needs `audit:read` and is logged. */
  asOfQuery?: readonly string[];
  /** Reads logged in the access log, and as what. */
  logAs?: AuditReadKind;
  /** A query parameter that, `true`, makes the read an event stream: logged as it opens, by the stream itself. */
  streamQuery?: string;
  /** The resource belongs to whoever created it: others need `admin` (checked by the controller). */
  ownedBy?: 'creator';
}

const deal = '/deals/:dealId';
const figure = `${deal}/figures/:figureId`;
const durable = '/subscriptions/durable';
const party = '/parties/:partyId';

/**
 * THE route × role table: the only place that says who may call what. Every route the
 * API registers must be here (a route missing from it is refused to everyone, and a test
 * fails); the README's matrix and the access tests are generated from it.
 */
export const ROUTE_ACCESS: readonly RouteAccess[] = [
  { method: 'GET', path: '/health', permission: 'public' },
  { method: 'GET', path: '/health/live', permission: 'public' },
  { method: 'GET', path: '/health/ready', permission: 'public' },
  { method: 'GET', path: '/metrics', permission: 'public' },

  { method: 'GET', path: '/deals', permission: 'deals:read' },
  { method: 'GET', path: deal, permission: 'deals:read', asOfQuery: ['knownAt', 'validAt'] },
  { method: 'GET', path: `${deal}/events`, permission: 'events:read', logAs: 'events', streamQuery: 'follow' },

  { method: 'GET', path: '/parties', permission: 'deals:read' },
  // A party as of a moment is an audit read, as a deal's is.
  { method: 'GET', path: party, permission: 'deals:read', asOfQuery: ['knownAt', 'validAt'] },
  { method: 'GET', path: `${party}/deals`, permission: 'deals:read' },

  { method: 'GET', path: `${figure}/history`, permission: 'audit:read', logAs: 'history' },
  { method: 'GET', path: `${deal}/diff`, permission: 'audit:read', logAs: 'diff' },
  { method: 'GET', path: '/audit/changes', permission: 'audit:read', logAs: 'changes' },
  { method: 'GET', path: '/audit/verify', permission: 'audit:read' },
  { method: 'GET', path: `${deal}/verification`, permission: 'audit:read' },
  // An export is an audit read like any other (the CLI's `ledger export` logs one too).
  { method: 'GET', path: `${deal}/evidence-bundle`, permission: 'audit:read', logAs: 'export' },
  // Regulator packages: audit reads too, for the same readers as a bundle (they hold nothing an auditor cannot read already).
  { method: 'GET', path: `${deal}/regulator-export`, permission: 'audit:read', logAs: 'export' },
  { method: 'GET', path: `${party}/regulator-export`, permission: 'audit:read', logAs: 'export' },
  { method: 'GET', path: '/audit/regulator-export', permission: 'audit:read', logAs: 'export' },
  { method: 'GET', path: '/audit/checkpoints/latest', permission: 'proofs:read' },
  { method: 'GET', path: '/audit/checkpoints/:treeSize', permission: 'proofs:read' },
  { method: 'GET', path: '/audit/checkpoints/:treeSize/timestamp', permission: 'proofs:read' },
  { method: 'POST', path: '/audit/checkpoints/:treeSize/cosignatures', permission: 'checkpoints:cosign' },
  { method: 'GET', path: '/audit/proofs/inclusion', permission: 'proofs:read' },
  { method: 'GET', path: '/audit/proofs/consistency', permission: 'proofs:read' },
  { method: 'GET', path: '/audit/ledger-key', permission: 'proofs:read' },

  { method: 'POST', path: '/deals', permission: 'facts:write' },
  ...Object.values(FACT_COMMAND_PATHS).map(
    (fact) => ({ method: 'POST', path: `${deal}/${fact}`, permission: 'facts:write' }) as const,
  ),
  ...Object.values(FIGURE_COMMAND_PATHS).map(
    (change) => ({ method: 'POST', path: `${figure}/${change}`, permission: 'facts:write' }) as const,
  ),
  { method: 'POST', path: '/parties', permission: 'facts:write' },
  ...['renames', 'aliases', 'parents', 'parents/:parentId/end'].map(
    (fact) => ({ method: 'POST', path: `${party}/${fact}`, permission: 'facts:write' }) as const,
  ),

  { method: 'GET', path: '/subscriptions/events', permission: 'events:read' },
  { method: 'GET', path: '/schemas', permission: 'events:read' },
  { method: 'GET', path: '/schemas/:name', permission: 'events:read' },
  { method: 'GET', path: '/asyncapi.json', permission: 'events:read' },

  { method: 'POST', path: durable, permission: 'subscriptions:own' },
  { method: 'GET', path: durable, permission: 'subscriptions:own', ownedBy: 'creator' },
  { method: 'GET', path: `${durable}/:name`, permission: 'subscriptions:own', ownedBy: 'creator' },
  { method: 'DELETE', path: `${durable}/:name`, permission: 'subscriptions:own', ownedBy: 'creator' },
  { method: 'GET', path: `${durable}/:name/events`, permission: 'subscriptions:own', ownedBy: 'creator' },
  { method: 'POST', path: `${durable}/:name/ack`, permission: 'subscriptions:own', ownedBy: 'creator' },
  { method: 'POST', path: `${durable}/:name/nack`, permission: 'subscriptions:own', ownedBy: 'creator' },
  { method: 'GET', path: `${durable}/:name/parked`, permission: 'admin' },
  { method: 'POST', path: `${durable}/:name/parked/replay`, permission: 'admin' },

  { method: 'GET', path: '/admin/projections', permission: 'admin' },
  { method: 'GET', path: '/admin/projections/:name', permission: 'admin' },
  { method: 'POST', path: '/admin/projections/:name/rebuild', permission: 'admin' },
  { method: 'POST', path: '/admin/projections/:name/replay', permission: 'admin' },
  { method: 'GET', path: '/admin/projections/:name/quarantine', permission: 'admin' },
  { method: 'POST', path: '/admin/projections/:name/quarantine/:id/retry', permission: 'admin' },
  { method: 'POST', path: '/admin/projections/:name/quarantine/:id/skip', permission: 'admin' },
  { method: 'POST', path: '/admin/components/retry', permission: 'admin' },
  { method: 'GET', path: '/admin/keys', permission: 'admin' },
  { method: 'POST', path: '/admin/keys', permission: 'admin' },
  { method: 'DELETE', path: '/admin/keys/:key', permission: 'admin' },
  { method: 'GET', path: '/admin/access-log', permission: 'admin' },
  { method: 'GET', path: '/admin/personal-data', permission: 'admin' },
  { method: 'POST', path: '/admin/personal-data/erasures', permission: 'admin' },
  // Auditors list holds; only admins place and release them.
  { method: 'GET', path: '/admin/holds', permission: 'holds:read' },
  { method: 'POST', path: '/admin/holds', permission: 'admin' },
  { method: 'DELETE', path: '/admin/holds/:holdId', permission: 'admin' },
  { method: 'GET', path: `${deal}/holds`, permission: 'holds:read' },
  { method: 'GET', path: '/admin/retention', permission: 'admin' },
  { method: 'POST', path: '/admin/retention/disposals', permission: 'admin' },
];

const byRoute = new Map(ROUTE_ACCESS.map((route) => [`${route.method} ${route.path}`, route]));

export function routeAccessOf(method: string, path: string): RouteAccess | undefined {
  return byRoute.get(`${method === 'HEAD' ? 'GET' : method} ${path}`);
}

/** Whether this request reads a deal as of another moment (`knownAt`/`validAt` given). */
export function isAsOfRead(route: RouteAccess, query: Record<string, unknown>): boolean {
  return route.asOfQuery?.some((name) => query[name] !== undefined) ?? false;
}

/** The permission this request needs: an as-of read of a deal is an audit read. */
export function permissionFor(route: RouteAccess, query: Record<string, unknown>): Permission | 'public' {
  return isAsOfRead(route, query) ? 'audit:read' : route.permission;
}

/**
 * The access-log kind of this request, if it is logged when answered. Event streams
 * (SSE) are logged as they open, by the streams themselves, not here.
 */
export function auditReadKindOf(route: RouteAccess, query: Record<string, unknown>): AuditReadKind | undefined {
  if (route.streamQuery !== undefined && query[route.streamQuery] === 'true') return undefined;
  return isAsOfRead(route, query) ? 'as-of' : route.logAs;
}
