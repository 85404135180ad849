import type { Database } from 'better-sqlite3';
import type { QuarantineTable } from '../bookkeeping/quarantine-table.js';
import type { RebuildKind, RebuildRecord, RebuildTable } from '../bookkeeping/rebuild-table.js';
import { supportsBlueGreen, type Projection } from '../projection.js';
import { generationOfTable, tableSet, type TableSet } from '../table-set.js';

/** The runner's tables a generation's life touches. */
export interface GenerationBooks {
  db: Database;
  rebuilds: RebuildTable;
  quarantine: QuarantineTable;
}

export interface ShadowRequest {
  kind: RebuildKind;
  fromPosition: number;
  requestedBy: string;
  reason?: string;
}

/**
 * Creates a new generation beside the live one, with its record, in one transaction: its
 * tables (emptied, in case a crash left rows under that number), and for a replay a copy
 * of the live rows rewound to the replay's point.
 */
export function createShadowGeneration(
  books: GenerationBooks,
  projection: Projection,
  liveGeneration: number,
  request: ShadowRequest,
  at: Date,
): RebuildRecord {
  const { db, quarantine, rebuilds } = books;
  const tables = projection.tables!;
  const generation = Math.max(liveGeneration, ...existingGenerations(db, tables)) + 1;
  const shadowTables = tableSet(generation);
  const record: RebuildRecord = {
    projection: projection.name,
    kind: request.kind,
    generation,
    version: projection.version,
    fromPosition: request.fromPosition,
    position: request.fromPosition,
    requestedBy: request.requestedBy,
    reason: request.reason ?? null,
    startedAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
  db.transaction(() => {
    dropGeneration(db, tables, shadowTables);
    quarantine.deleteGeneration(projection.name, generation);
    projection.setup(db, shadowTables);
    projection.truncate(db, shadowTables);
    if (request.kind === 'replay') {
      copyGeneration(db, tables, tableSet(liveGeneration), shadowTables);
      projection.rewind!(db, shadowTables, request.fromPosition);
      // Events quarantined before the replay point are not replayed: the copy lacks them too.
      for (const q of quarantine.ofGeneration(projection.name, liveGeneration)) {
        if (q.position <= request.fromPosition) quarantine.copyTo(q, generation);
      }
    }
    rebuilds.insert(record);
  })();
  return record;
}

/** Drops a build that cannot be used (made for another version of the code), with its record. */
export function discardShadowGeneration(books: GenerationBooks, projection: Projection, record: RebuildRecord): void {
  books.db.transaction(() => {
    if (supportsBlueGreen(projection)) dropGeneration(books.db, projection.tables, tableSet(record.generation));
    books.quarantine.deleteGeneration(projection.name, record.generation);
    books.rebuilds.delete(projection.name);
  })();
}

/** Drops a generation no reader uses any more, with its quarantine rows. */
export function retireGeneration(books: GenerationBooks, projection: Projection & { tables: readonly string[] }, generation: number): void {
  books.db.transaction(() => {
    dropGeneration(books.db, projection.tables, tableSet(generation));
    books.quarantine.deleteGeneration(projection.name, generation);
  })();
}

/** Generations neither live nor being built: left by a crash between a swap and its cleanup. */
export function dropOrphanGenerations(
  books: GenerationBooks,
  projection: Projection & { tables: readonly string[] },
  keep: number[],
): void {
  for (const generation of existingGenerations(books.db, projection.tables)) {
    if (!keep.includes(generation)) retireGeneration(books, projection, generation);
  }
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/** Drops a generation's tables; their indexes go with them. */
export function dropGeneration(db: Database, tables: readonly string[], set: TableSet): void {
  for (const base of tables) db.exec(`DROP TABLE IF EXISTS ${quote(set.name(base))}`);
}

/**
 * Copies every row of the live generation into a freshly created one, on the columns
 * both have: the start of a replay, which then rewinds the copy to the replay's point.
 */
export function copyGeneration(db: Database, tables: readonly string[], from: TableSet, to: TableSet): void {
  for (const base of tables) {
    const source = from.name(base);
    const target = to.name(base);
    const targetColumns = new Set(columnNames(db, target));
    const columns = columnNames(db, source).filter((c) => targetColumns.has(c)).map(quote).join(', ');
    if (columns === '') continue;
    db.exec(`INSERT INTO ${quote(target)} (${columns}) SELECT ${columns} FROM ${quote(source)}`);
  }
}

/** Generations whose tables exist in the file, per the projection's declared base names. */
export function existingGenerations(db: Database, tables: readonly string[]): Set<number> {
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  const found = new Set<number>();
  for (const name of names) {
    for (const base of tables) {
      const generation = generationOfTable(base, name);
      if (generation !== undefined) found.add(generation);
    }
  }
  return found;
}

function columnNames(db: Database, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}
