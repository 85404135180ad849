import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openReadModelDatabaseReadOnly } from '#projections';
import { READ_MODELS_FILE, type LedgerConfig } from '#runtime';

/**
 * The read-model file, read-only, for checks run beside (or instead of) the server. A running
 * server keeps it locked: then the check says so (the server's own routes answer instead).
 */
export function openReadModelsReadOnly(config: LedgerConfig, what: string): Database {
  const file = join(config.dataDir, READ_MODELS_FILE);
  let db: Database | undefined;
  try {
    db = openReadModelDatabaseReadOnly(file);
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').get(); // the first read takes the lock a server may hold
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new Error(`${what}: a running server holds ${file}; stop it to check the read models from here (or ask the server: GET /deals/:dealId/verification)`);
    }
    if (code === 'SQLITE_CANTOPEN') throw new Error(`${what}: there is no read-model file ${file} to check`);
    throw error;
  }
}
