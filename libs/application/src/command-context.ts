/** Who sent a command and how it relates to others; never taken from the command body. */
export interface CommandContext {
  /** The authenticated caller. */
  actor: string;
  /** Idempotency key: the same id is recorded once, whatever the retries. */
  commandId: string;
  correlationId: string;
  causationId: string;
  /** From `If-Match`: append only if the deal is still at this revision. */
  expectedRevision?: number;
}
