import type { Database, Statement } from 'better-sqlite3';

/** A rebuild builds from the start of the log; a replay copies the live rows, rewinds them and goes on from a point. */
export type RebuildKind = 'rebuild' | 'replay';

/** A generation being built beside the live one, with its own checkpoint. */
export interface RebuildRecord {
  projection: string;
  kind: RebuildKind;
  generation: number;
  version: number;
  /** Where the build started reading (exclusive): 0 for a rebuild. */
  fromPosition: number;
  /** The shadow's checkpoint: every event up to here is in its tables. */
  position: number;
  requestedBy: string;
  reason: string | null;
  startedAt: string;
  updatedAt: string;
}

const COLUMNS = `projection, kind, generation, version, from_position AS fromPosition, position,
  requested_by AS requestedBy, reason, started_at AS startedAt, updated_at AS updatedAt`;

/**
 * One row per projection with a build in progress. Its position is saved in the
 * transaction that wrote the shadow's rows, so a build killed at any point resumes from
 * exactly where its rows end.
 */
export class RebuildTable {
  private readonly selectOne: Statement<[string], RebuildRecord>;
  private readonly insertOne: Statement<[RebuildRecord]>;
  private readonly updatePosition: Statement<[number, string, string]>;
  private readonly deleteOne: Statement<[string]>;

  constructor(db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_rebuilds (
      projection TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('rebuild', 'replay')),
      generation INTEGER NOT NULL,
      version INTEGER NOT NULL,
      from_position INTEGER NOT NULL,
      position INTEGER NOT NULL,
      requested_by TEXT NOT NULL,
      reason TEXT,
      started_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`);
    this.selectOne = db.prepare(`SELECT ${COLUMNS} FROM projection_rebuilds WHERE projection = ?`);
    this.insertOne = db.prepare(`INSERT INTO projection_rebuilds
      (projection, kind, generation, version, from_position, position, requested_by, reason, started_at, updated_at)
      VALUES (@projection, @kind, @generation, @version, @fromPosition, @position, @requestedBy, @reason, @startedAt, @updatedAt)`);
    this.updatePosition = db.prepare('UPDATE projection_rebuilds SET position = ?, updated_at = ? WHERE projection = ?');
    this.deleteOne = db.prepare('DELETE FROM projection_rebuilds WHERE projection = ?');
  }

  get(projection: string): RebuildRecord | undefined {
    return this.selectOne.get(projection);
  }

  insert(record: RebuildRecord): void {
    this.insertOne.run(record);
  }

  /** Call inside the transaction that wrote the shadow's rows up to `position`. */
  savePosition(projection: string, position: number, at: Date): void {
    this.updatePosition.run(position, at.toISOString(), projection);
  }

  delete(projection: string): void {
    this.deleteOne.run(projection);
  }
}
