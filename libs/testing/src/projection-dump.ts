import type { Database } from 'better-sqlite3';
import { LiveTables } from '#projections';

/**
 * Every row of a projection's live generation, table by table in primary-key order,
 * labelled with the base table names: the same string whichever generation is live, so
 * "rebuilt rows are byte-identical" is one comparison.
 */
export function dumpProjection(db: Database, projection: { name: string; tables?: readonly string[] }): string {
  const live = new LiveTables(db, projection.name).current();
  return (projection.tables ?? [])
    .map((base) => {
      const rows = db.prepare(`SELECT * FROM "${live.name(base)}" ORDER BY 1, 2`).all();
      return `${base}\n${rows.map((row) => JSON.stringify(row)).join('\n')}`;
    })
    .join('\n\n');
}
