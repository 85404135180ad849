import { rolesGrant } from './permissions.js';
import type { Principal } from './principal.js';

/**
 * Resources marked `ownedBy: 'creator'` in the route table: their creator, or an admin.
 * Others are told the resource does not exist, rather than that it is someone else's.
 */
export function mayUseOwnResource(principal: Principal, createdBy: string): boolean {
  return principal.actor === createdBy || rolesGrant(principal.roles, 'admin');
}
