import type { Database, Statement } from 'better-sqlite3';
import type { Row } from './read-model-difference.js';

/** A projection's progress and live generation, as its checkpoint row says. */
export interface ServedProjection {
  version: number;
  position: number;
  generation: number;
}

/** An SQL identifier, quoted. */
export const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Reads one deal's rows out of a read-model database: the live file (possibly opened
 * read-only, while nothing else may be created in it) or a scratch fold. Plain SELECTs
 * only, each prepared once per table; a table that does not exist has no rows.
 */
export class ReadModelTables {
  private readonly statements = new Map<string, Statement<[string], Row> | null>();
  private readonly keys = new Map<string, string[]>();
  private readonly tableExists: Statement<[string], number>;
  private checkpointOf: Statement<[string], ServedProjection> | undefined;
  private quarantineOf: Statement<[string, number, string], number | null> | undefined;

  constructor(readonly db: Database) {
    this.tableExists = db.prepare<[string], number>("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck();
  }

  /** The checkpoint row of a projection; undefined when it never ran on this file. */
  served(projection: string): ServedProjection | undefined {
    if (!this.checkpointOf) {
      if (!this.exists('projection_checkpoints')) return undefined;
      this.checkpointOf = this.db.prepare('SELECT version, position, generation FROM projection_checkpoints WHERE name = ?');
    }
    return this.checkpointOf.get(projection);
  }

  /** The deal's rows of a table (every table the check compares has a `deal_id`), in key order. */
  rowsOfDeal(table: string, dealId: string): Row[] {
    let statement = this.statements.get(table);
    if (statement === undefined) {
      statement = this.exists(table)
        ? this.db.prepare<[string], Row>(
            `SELECT * FROM ${quote(table)} WHERE deal_id = ? ORDER BY ${this.keyOf(table).map(quote).join(', ') || 'rowid'}`,
          )
        : null;
      this.statements.set(table, statement);
    }
    return statement ? statement.all(dealId) : [];
  }

  /** The primary key's columns, in key order. */
  keyOf(table: string): string[] {
    let key = this.keys.get(table);
    if (!key) {
      const columns = this.db.prepare('SELECT name, pk FROM pragma_table_info(?)').all(table) as { name: string; pk: number }[];
      key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      this.keys.set(table, key);
    }
    return key;
  }

  /** The position the runner quarantined for a stream in a generation of a projection, if any. */
  quarantined(projection: string, generation: number, streamId: string): number | null {
    if (!this.quarantineOf) {
      if (!this.exists('projection_quarantine')) return null;
      this.quarantineOf = this.db
        .prepare<[string, number, string], number | null>(
          'SELECT MIN(position) FROM projection_quarantine WHERE projection = ? AND generation = ? AND stream_id = ?',
        )
        .pluck();
    }
    return this.quarantineOf.get(projection, generation, streamId) ?? null;
  }

  private exists(table: string): boolean {
    return this.tableExists.get(table) === 1;
  }
}
