import type { Database } from 'better-sqlite3';
import { tableSet, type TableSet } from '../table-set.js';

export const PARTY_DIRECTORY_TABLES = ['party_directory', 'party_directory_names'] as const;

/**
 * One row per registered party, and one per name it is known by (registered, renamed, alias),
 * case-folded, for the search: the directory writers look a party up in before naming it on a deal.
 */
export function createPartyDirectoryTables(db: Database, tables: TableSet = tableSet(0)): void {
  const t = (base: string) => tables.name(base);
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${t('party_directory')} (
      party_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      country TEXT,
      lei TEXT,
      names TEXT NOT NULL,
      aliases TEXT NOT NULL,
      registered_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      revision INTEGER NOT NULL,
      position INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ${t('party_directory_by_lei')} ON ${t('party_directory')} (lei, party_id);
    CREATE TABLE IF NOT EXISTS ${t('party_directory_names')} (
      party_id TEXT NOT NULL,
      folded_name TEXT NOT NULL,
      PRIMARY KEY (party_id, folded_name)
    ) STRICT;
  `);
}

export function truncatePartyDirectoryTables(db: Database, tables: TableSet = tableSet(0)): void {
  for (const table of PARTY_DIRECTORY_TABLES) db.exec(`DELETE FROM ${tables.name(table)}`);
}
