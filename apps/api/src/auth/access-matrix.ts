import { ROLES } from '#domain';
import { ROLE_PERMISSIONS } from './permissions.js';
import { ROUTE_ACCESS, type RouteAccess } from './route-access.js';

/**
 * The route × role matrix as a Markdown table, rendered from the route table: the README
 * shows exactly this (a test compares them), so the documentation cannot drift from
 * what the guard enforces.
 */
export function renderAccessMatrix(): string {
  const header = `| route | needs | ${ROLES.join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = ROUTE_ACCESS.flatMap((route) => rowsOf(route));
  return [header, rule, ...rows].join('\n');
}

function rowsOf(route: RouteAccess): string[] {
  const row = (label: string, permission: RouteAccess['permission'], note: string) =>
    `| \`${route.method} ${label}\`${note} | ${permission} | ${ROLES.map((role) => (permission === 'public' || ROLE_PERMISSIONS[role].includes(permission) ? '✓' : '')).join(' | ')} |`;
  const owned = route.ownedBy ? ' (own)' : '';
  const logged = route.logAs ? ' · logged' : '';
  const rows = [row(route.path, route.permission, owned + logged)];
  if (route.asOfQuery) rows.push(row(`${route.path}?${route.asOfQuery.join('=… or ')}=…`, 'audit:read', ' · logged'));
  return rows;
}
