import type { Database } from 'better-sqlite3';

/** Every row of the given tables in primary-key order, as one string: "same rows" byte for byte. */
export function dumpTables(db: Database, tables: readonly string[]): string {
  return tables
    .map((table) => {
      const rows = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
      return `${table}\n${rows.map((row) => JSON.stringify(row)).join('\n')}`;
    })
    .join('\n\n');
}
