/**
 * The category of access streams: who may do what, and who read what, kept in the
 * ledger itself so that they share its hash chain (nothing in them can be altered
 * unseen) and, on KurrentDB, every replica reads the same keys and writes one log.
 * Not a published category: subscribers and projections never see these events.
 */
export const ACCESS_CATEGORY = 'access';
/** API keys issued and revoked: `ApiKeyIssued.v1`, `ApiKeyRevoked.v1` (their rules: #domain's access/). */
export const ACCESS_KEYS_STREAM = `${ACCESS_CATEGORY}-keys`;
/** Every read of an audit endpoint: `AuditRead.v1`. */
export const ACCESS_LOG_STREAM = `${ACCESS_CATEGORY}-log`;

/** The audit endpoints whose reads are logged; `events`: a deal's events, or an event stream opened. */
export type AuditReadKind = 'history' | 'as-of' | 'diff' | 'changes' | 'export' | 'events';

export interface AuditRead {
  type: 'AuditRead.v1';
  data: {
    kind: AuditReadKind;
    /** The path and query as requested (`/deals/caremag-2025/diff?from=…&to=…`), or the CLI command. */
    resource: string;
    dealId: string | null;
    /** HTTP status of the answer (200, 404…); 0 for a CLI export. */
    status: number;
    /** `api-key:<keyId>`, `jwt:<issuer>` or `cli`: how the reader proved who they are. */
    credential: string;
  };
}
