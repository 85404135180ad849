/**
 * Failures that pass once the machine recovers: a full disk freed, an I/O error gone, a lock
 * released, the store reachable again. A part of the ledger that meets one (the projection
 * runner, the log tree, the event feed, the key follower) starts again on its own, from
 * what it committed, so nothing is applied twice or skipped. A file that is corrupt, not
 * a database or read-only needs an operator.
 * Codes: https://www.sqlite.org/rescode.html
 */
const TRANSIENT_SQLITE_CODES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_NOMEM', 'SQLITE_INTERRUPT', 'SQLITE_PROTOCOL'];

export function isTransientFailure(error: unknown): boolean {
  // The event store's StoreUnavailableError, or any other ledger error of that kind.
  if ((error as { kind?: unknown } | null)?.kind === 'unavailable') return true;
  return hasSqliteCode(error, TRANSIENT_SQLITE_CODES);
}

/**
 * Whether the failure carries one of these SQLite codes, or an extended code of one (also
 * when it wraps the SQLite error as its `cause`, as a failure met applying an event does).
 */
export function hasSqliteCode(error: unknown, codes: readonly string[]): boolean {
  const code = sqliteCodeOf(error) ?? sqliteCodeOf((error as { cause?: unknown } | null)?.cause);
  if (code === undefined) return false;
  return codes.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));
}

function sqliteCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}
