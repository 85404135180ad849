import type { Database, Statement } from 'better-sqlite3';

/** How far one projection has applied the log, and which generation of its tables is live. */
export interface ProjectionPosition {
  name: string;
  version: number;
  position: number;
  /** The table generation readers are pointed at (see table-set.ts). */
  generation: number;
  updatedAt: string;
}

/**
 * Each projection's live progress through the global log, in the same database as its
 * rows, and the pointer to the generation of tables readers use. A swap after a rebuild
 * rewrites this row (generation, version, position) in one transaction.
 *
 * Called "positions" in the code so as not to be taken for the signed checkpoints of the
 * log tree or the durable subscriptions' checkpoints; the SQL table keeps its old name
 * (`projection_checkpoints`) so that existing read-model files stay readable.
 */
export class ProjectionPositions {
  private readonly selectOne: Statement<[string], ProjectionPosition>;
  private readonly selectAll: Statement<[], ProjectionPosition>;
  private readonly upsert: Statement<[string, number, number, number, string]>;

  constructor(db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      position INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      generation INTEGER NOT NULL DEFAULT 0
    ) STRICT`);
    // Files written before generations existed lack the column: their tables are generation 0.
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('projection_checkpoints');
    if (!columns.includes('generation')) {
      db.exec('ALTER TABLE projection_checkpoints ADD COLUMN generation INTEGER NOT NULL DEFAULT 0');
    }
    const columnsSql = 'name, version, position, generation, updated_at AS updatedAt';
    this.selectOne = db.prepare(`SELECT ${columnsSql} FROM projection_checkpoints WHERE name = ?`);
    this.selectAll = db.prepare(`SELECT ${columnsSql} FROM projection_checkpoints ORDER BY name`);
    this.upsert = db.prepare(`INSERT INTO projection_checkpoints (name, version, position, generation, updated_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
        generation = excluded.generation, updated_at = excluded.updated_at`);
  }

  get(name: string): ProjectionPosition | undefined {
    return this.selectOne.get(name);
  }

  all(): ProjectionPosition[] {
    return this.selectAll.all();
  }

  /** Call inside the transaction that wrote the rows up to `position`. */
  save(name: string, version: number, position: number, generation = 0, at = new Date()): void {
    this.upsert.run(name, version, position, generation, at.toISOString());
  }
}
