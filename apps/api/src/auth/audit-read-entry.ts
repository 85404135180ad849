import type { AuditReadEntry, AuditReadKind } from '#application';
import type { AuthenticatedRequest, Principal } from './principal.js';

/** What the access log keeps of one read: who, with which credential, what was asked, the answer's status. */
export function auditReadEntryOf(request: AuthenticatedRequest, principal: Principal, kind: AuditReadKind, status: number): AuditReadEntry {
  const { dealId } = request.params;
  return {
    kind,
    actor: principal.actor,
    credential: principal.credential,
    resource: request.originalUrl.slice(0, 2000),
    ...(typeof dealId === 'string' ? { dealId } : {}),
    status,
  };
}
