import BetterSqlite3 from 'better-sqlite3';

/**
 * One SQLite file copied with SQLite's online backup (better-sqlite3's `backup`): the copy is
 * the database as of one moment, whatever writers do meanwhile. The whole file goes in one
 * step, under one read transaction: in steps, a write by another process between two of them
 * would start the copy over, and under steady writes it might never finish.
 * Throws SQLITE_BUSY when another process holds the file exclusively (a running server's
 * read models and subscriptions).
 */
export async function copySqliteFile(source: string, destination: string, busyTimeoutMs: number): Promise<void> {
  const db = new BetterSqlite3(source, { fileMustExist: true, timeout: busyTimeoutMs });
  try {
    // The file's header is read first, so an exclusive lock shows here, before anything is written.
    db.pragma('schema_version');
    await db.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}
