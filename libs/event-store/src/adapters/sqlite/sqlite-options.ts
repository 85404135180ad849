import type { Database } from 'better-sqlite3';
import { DEFAULT_POLL_INTERVAL_MS } from '../../catch-up-subscription.js';
import { systemClock, type Clock } from '../../commit-time.js';
import { InvalidArgumentError } from '../../event-store.errors.js';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' (private to one store instance). */
  file: string;
  /**
   * 'FULL' (default): an acknowledged append survives a power loss. 'NORMAL': in WAL
   * mode it still survives a process crash, but the last commits may be lost on power
   * loss; single-event commits run about 4× faster (see performance-notes.md).
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** The commit clock, for recordedAt. Default: the system clock. */
  clock?: Clock;
  /**
   * How long a write waits for another process's write lock before failing with
   * StoreUnavailableError. better-sqlite3 is synchronous: the wait blocks this event loop.
   */
  busyTimeoutMs?: number;
  /**
   * WAL pages before an automatic checkpoint. Unset: SQLite's default (1000). Larger
   * values speed up big batches at the cost of longer stalls on the commit that
   * checkpoints and a larger -wal file.
   */
  walAutocheckpoint?: number;
  /** How often subscriptions look for writes by other processes. */
  pollIntervalMs?: number;
  /** Events per query when reading the log. */
  readPageSize?: number;
}

export interface SqliteSettings {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
  clock: Clock;
  busyTimeoutMs: number;
  walAutocheckpoint: number | undefined;
  pollIntervalMs: number;
  readPageSize: number;
}

export function sqliteSettings(options: SqliteEventStoreOptions): SqliteSettings {
  const { file, synchronous = 'FULL' } = options;
  if (typeof file !== 'string' || file.length === 0) {
    throw new InvalidArgumentError('options.file', "must be a path or ':memory:'");
  }
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new InvalidArgumentError('options.synchronous', "must be 'FULL' or 'NORMAL'");
  }
  return {
    file,
    synchronous,
    clock: options.clock ?? systemClock,
    busyTimeoutMs: wholeNumber(options.busyTimeoutMs ?? 5000, 'options.busyTimeoutMs', 0),
    walAutocheckpoint:
      options.walAutocheckpoint === undefined
        ? undefined
        : wholeNumber(options.walAutocheckpoint, 'options.walAutocheckpoint', 0),
    pollIntervalMs: wholeNumber(options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, 'options.pollIntervalMs', 1),
    readPageSize: wholeNumber(options.readPageSize ?? 500, 'options.readPageSize', 1),
  };
}

/**
 * PRAGMA statements take no bound parameters: the values are interpolated, which is
 * safe only because sqliteSettings() has reduced them to an enum or an integer.
 */
export function applyPragmas(db: Database, settings: SqliteSettings): void {
  // WAL: readers (subscriptions, other processes) never block the writer, nor it them.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${settings.synchronous}`);
  if (settings.walAutocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${settings.walAutocheckpoint}`);
}

function wholeNumber(value: number, argument: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(argument, `must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}
