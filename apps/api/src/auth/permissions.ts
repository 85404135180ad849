import type { Role } from '#domain';

/**
 * What a route needs. Roles are sets of these; the route table gives each route one.
 * - `deals:read`     a deal as it stands now, the list of deals
 * - `audit:read`     history, as-of, diff, audit queries, verification
 * - `events:read`    event streams (SSE), a deal's events, the published schemas
 * - `facts:write`    record facts, revise, correct, retract
 * - `subscriptions:own` durable subscriptions: create, consume, settle its own
 * - `proofs:read`    signed checkpoints, inclusion and consistency proofs, the ledger's key
 * - `checkpoints:cosign` add a witness's cosignature to a checkpoint
 * - `holds:read`     the legal holds (all, or those over one deal): a hold tells of a legal
 *                    matter, for compliance staff and admins, not for those who record facts
 * - `admin`          projection operations, parked events, keys, the access log, placing and releasing holds
 */
export const PERMISSIONS = [
  'deals:read',
  'audit:read',
  'events:read',
  'facts:write',
  'subscriptions:own',
  'proofs:read',
  'checkpoints:cosign',
  'holds:read',
  'admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Each role adds to the one above it, except `subscriber` and `witness`, which stand apart,
 * and `holds:read`, which auditors have and writers do not (a writer records facts; which
 * matters are under a legal hold is for compliance staff); admin has all. A witness reads
 * checkpoints and proofs and posts its cosignatures: nothing else.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ['deals:read'],
  auditor: ['deals:read', 'audit:read', 'events:read', 'proofs:read', 'holds:read'],
  writer: ['deals:read', 'audit:read', 'events:read', 'proofs:read', 'facts:write'],
  subscriber: ['events:read', 'subscriptions:own'],
  witness: ['proofs:read', 'checkpoints:cosign'],
  admin: PERMISSIONS,
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
