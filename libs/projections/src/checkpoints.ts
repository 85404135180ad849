import type { Database, Statement } from 'better-sqlite3';

export interface Checkpoint {
  name: string;
  version: number;
  position: number;
  updatedAt: string;
}

/** Each projection's progress through the global log, in the same database as its rows. */
export class CheckpointTable {
  private readonly selectOne: Statement<[string], Checkpoint>;
  private readonly upsert: Statement<[string, number, number, string]>;

  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      position INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`);
    this.selectOne = db.prepare(
      'SELECT name, version, position, updated_at AS updatedAt FROM projection_checkpoints WHERE name = ?',
    );
    this.upsert = db.prepare(`INSERT INTO projection_checkpoints (name, version, position, updated_at)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = excluded.updated_at`);
  }

  get(name: string): Checkpoint | undefined {
    return this.selectOne.get(name);
  }

  /** Call inside the transaction that wrote the rows up to `position`. */
  save(name: string, version: number, position: number): void {
    this.upsert.run(name, version, position, new Date().toISOString());
  }
}
