import type { Database, Statement } from 'better-sqlite3';
import { ProjectionPositions } from './projection-positions.js';
import { tableSet, type TableSet } from './table-set.js';

/**
 * What a reader asks before each query: which generation of a projection's tables is
 * live. One indexed lookup (about a microsecond); a reader re-prepares its statements
 * when the answer changes, so a swap needs nothing from it and cannot be missed.
 */
export class LiveTables {
  private readonly select: Statement<[string], number>;

  constructor(
    db: Database,
    private readonly projection: string,
  ) {
    new ProjectionPositions(db); // creates (or upgrades) the table the pointer lives in
    this.select = db.prepare<[string], number>('SELECT generation FROM projection_checkpoints WHERE name = ?').pluck();
  }

  current(): TableSet {
    return tableSet(this.select.get(this.projection) ?? 0);
  }
}

/**
 * A reader's statements, prepared once per live generation: each call asks which
 * generation is live and re-prepares after a swap, so a reader never queries tables
 * that were swapped out.
 */
export class LiveStatements<S> {
  private readonly live: LiveTables;
  private prepared: { generation: number; statements: S } | undefined;

  constructor(
    db: Database,
    projection: string,
    private readonly prepare: (t: (base: string) => string) => S,
  ) {
    this.live = new LiveTables(db, projection);
  }

  current(): S {
    const tables = this.live.current();
    if (this.prepared?.generation !== tables.generation) {
      this.prepared = { generation: tables.generation, statements: this.prepare((base) => tables.name(base)) };
    }
    return this.prepared.statements;
  }
}

/** The actual names of a projection's live tables (for dumps, comparisons and tests). */
export function liveTableNames(db: Database, projection: { name: string; tables?: readonly string[] }): string[] {
  const live = new LiveTables(db, projection.name).current();
  return (projection.tables ?? []).map((base) => live.name(base));
}
