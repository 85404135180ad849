import type { Role } from '#application';

/**
 * What a route needs. Roles are sets of these; the route table gives each route one.
 * - `deals:read`     a deal as it stands now, the list of deals
 * - `audit:read`     history, as-of, diff, audit queries, verification
 * - `events:read`    event streams (SSE), a deal's events, the published schemas
 * - `facts:write`    record facts, revise, correct, retract
 * - `subscriptions:own` durable subscriptions: create, consume, settle its own
 * - `admin`          projection operations, parked events, keys, the access log
 */
export const PERMISSIONS = ['deals:read', 'audit:read', 'events:read', 'facts:write', 'subscriptions:own', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Each role adds to the one above it, except `subscriber`, which stands apart; admin has all. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ['deals:read'],
  auditor: ['deals:read', 'audit:read', 'events:read'],
  writer: ['deals:read', 'audit:read', 'events:read', 'facts:write'],
  subscriber: ['events:read', 'subscriptions:own'],
  admin: PERMISSIONS,
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
