/**
 * The roles a credential can hold. Each one's reach is decided in one place, the API's
 * route table (apps/api/src/auth/route-access.ts); here they are only names, shared by
 * the API, the key book and the `ledger keys` command.
 */
export const ROLES = ['viewer', 'auditor', 'writer', 'subscriber', 'witness', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
