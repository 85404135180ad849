import type { Database, Statement } from 'better-sqlite3';

export interface SkippedEvent {
  projection: string;
  version: number;
  position: number;
  eventId: string;
  streamId: string;
  reason: string;
  skippedBy: string;
  skippedAt: string;
}

/**
 * Events an admin chose to skip, per projection version: a rebuild of the same version
 * skips them again instead of stalling on them; a new version (a fix) tries them anew.
 */
export class SkipTable {
  private readonly insertOne: Statement<[SkippedEvent]>;
  private readonly selectPositions: Statement<[string, number], number>;

  constructor(db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_skips (
      projection TEXT NOT NULL,
      version INTEGER NOT NULL,
      position INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      stream_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      skipped_by TEXT NOT NULL,
      skipped_at TEXT NOT NULL,
      PRIMARY KEY (projection, version, position)
    ) STRICT`);
    this.insertOne = db.prepare(`INSERT OR REPLACE INTO projection_skips
      (projection, version, position, event_id, stream_id, reason, skipped_by, skipped_at)
      VALUES (@projection, @version, @position, @eventId, @streamId, @reason, @skippedBy, @skippedAt)`);
    this.selectPositions = db
      .prepare<[string, number], number>('SELECT position FROM projection_skips WHERE projection = ? AND version = ?')
      .pluck();
  }

  add(skip: SkippedEvent): void {
    this.insertOne.run(skip);
  }

  positions(projection: string, version: number): number[] {
    return this.selectPositions.all(projection, version);
  }
}
