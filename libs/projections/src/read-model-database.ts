import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * Read models live in their own SQLite file, apart from the event log: they are
 * rebuildable from the log, so `synchronous=NORMAL` (durable at checkpoints, never
 * corrupt) is enough, and projection writes never queue behind appends.
 */
export function openReadModelDatabase(file: string, options: { busyTimeoutMs?: number } = {}): Database {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = new BetterSqlite3(file, { timeout: busyTimeoutMs });
  try {
    // One process feeds a read-model file: a second `ledger serve` on the same data dir
    // must fail at start, not apply every event a second time.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A read-model file opened to be read only (`ledger verify --read-models`): nothing can be
 * written through it, not even a missing table. A running server holds the file with an
 * exclusive lock, so this fails with SQLITE_BUSY until the server stops.
 */
export function openReadModelDatabaseReadOnly(file: string, options: { busyTimeoutMs?: number } = {}): Database {
  return new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs ?? 200 });
}
