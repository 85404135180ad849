import { EventStoreError, StoreUnavailableError } from '../../event-store.errors.js';

interface SqliteErrorLike extends Error {
  code: string;
}

/**
 * Recognised by shape, not `instanceof`: the native addon keeps the SqliteError class of
 * the first copy of better-sqlite3 loaded in the process, and that class (and the Error
 * it extends) belongs to the realm that loaded it. Under Jest, each test file has its own
 * realm and module registry, so `instanceof SqliteError` or even `instanceof Error` fails
 * for every file but the first.
 */
function isSqliteError(error: unknown): error is SqliteErrorLike {
  return errorName(error) === 'SqliteError' && typeof (error as SqliteErrorLike).code === 'string';
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as Error).name : undefined;
}

/**
 * Our error for whatever better-sqlite3 threw, so that no SqliteError crosses the port.
 * Ours pass through unchanged (they are thrown inside transactions to roll them back);
 * anything else is a bug in this adapter and is rethrown as it is.
 */
export function translateSqliteError(error: unknown, operation: string): unknown {
  if (error instanceof EventStoreError) return error;
  if (isSqliteError(error)) {
    // SQLITE_BUSY (and its extended codes) is another connection holding the write lock
    // for longer than busy_timeout.
    if (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED')) {
      return new StoreUnavailableError(`${operation}: the event store is locked by another writer (${error.code})`, {
        cause: error,
      });
    }
    return new StoreUnavailableError(`${operation} failed: ${error.code}: ${error.message}`, { cause: error });
  }
  if (errorName(error) === 'TypeError' && /connection is not open/.test((error as Error).message)) {
    return new StoreUnavailableError(`${operation}: the event store is closed`, { cause: error });
  }
  return error;
}

export function isUniqueViolationOf(error: unknown, column: string): boolean {
  return isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes(`events.${column}`);
}
