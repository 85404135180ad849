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
  // A SQLite failure decides by its code, also when wrapped as unavailable: a corrupt file is
  // not a store that comes back.
  if (sqliteCodeOf(error) ?? sqliteCodeOf(causeOf(error))) return hasSqliteCode(error, TRANSIENT_SQLITE_CODES);
  // The event store's StoreUnavailableError, or any other ledger error of that kind.
  return (error as { kind?: unknown } | null)?.kind === 'unavailable';
}

/**
 * Whether the failure carries one of these SQLite codes, or an extended code of one (also
 * when it wraps the SQLite error as its `cause`, as a failure met applying an event does).
 */
export function hasSqliteCode(error: unknown, codes: readonly string[]): boolean {
  const code = sqliteCodeOf(error) ?? sqliteCodeOf(causeOf(error));
  if (code === undefined) return false;
  return codes.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));
}

function sqliteCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

const causeOf = (error: unknown): unknown => (error as { cause?: unknown } | null)?.cause;

/**
 * A failure in one line, its code first when the message lacks it. Not `instanceof Error`:
 * better-sqlite3's native module makes its errors in the realm it was first loaded in, which
 * need not be this one (Jest's sandboxes).
 */
export function describeFailure(error: unknown): string {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  if (typeof message !== 'string') return String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
