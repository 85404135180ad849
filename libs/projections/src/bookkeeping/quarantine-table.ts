import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '#event-store';

/** An event a projection threw on. Later events of its stream wait behind it. */
export interface QuarantineRecord {
  id: number;
  projection: string;
  /** The table generation (live or shadow) whose rows lack the event. */
  generation: number;
  streamId: string;
  position: number;
  revision: number;
  eventId: string;
  eventType: string;
  error: string;
  attempts: number;
  quarantinedAt: string;
  lastAttemptAt: string;
}

const COLUMNS = `id, projection, generation, stream_id AS streamId, position, revision, event_id AS eventId,
  event_type AS eventType, error, attempts, quarantined_at AS quarantinedAt, last_attempt_at AS lastAttemptAt`;

/**
 * At most one quarantined event per stream and generation: the first that failed. The
 * rows are written in the batch transaction that skipped the event, so the quarantine
 * and the checkpoint that moved past it commit together.
 */
export class QuarantineTable {
  private readonly insertOne: Statement<Record<string, unknown>>;
  private readonly selectById: Statement<[number], QuarantineRecord>;
  private readonly selectOfProjection: Statement<[string], QuarantineRecord>;
  private readonly selectOfGeneration: Statement<[string, number], QuarantineRecord>;
  private readonly updateEvent: Statement<Record<string, unknown>>;
  private readonly updateAttempt: Statement<[string, string, number]>;
  private readonly copyOne: Statement<[number, number]>;
  private readonly deleteOne: Statement<[number]>;
  private readonly deleteGenerationRows: Statement<[string, number]>;

  constructor(db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_quarantine (
      id INTEGER PRIMARY KEY,
      projection TEXT NOT NULL,
      generation INTEGER NOT NULL,
      stream_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      error TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      quarantined_at TEXT NOT NULL,
      last_attempt_at TEXT NOT NULL,
      UNIQUE (projection, generation, stream_id)
    ) STRICT`);
    this.insertOne = db.prepare(`INSERT INTO projection_quarantine
      (projection, generation, stream_id, position, revision, event_id, event_type, error, attempts, quarantined_at, last_attempt_at)
      VALUES (@projection, @generation, @streamId, @position, @revision, @eventId, @eventType, @error, 1, @at, @at)`);
    this.selectById = db.prepare(`SELECT ${COLUMNS} FROM projection_quarantine WHERE id = ?`);
    this.selectOfProjection = db.prepare(`SELECT ${COLUMNS} FROM projection_quarantine WHERE projection = ? ORDER BY position`);
    this.selectOfGeneration = db.prepare(
      `SELECT ${COLUMNS} FROM projection_quarantine WHERE projection = ? AND generation = ? ORDER BY position`,
    );
    this.updateEvent = db.prepare(`UPDATE projection_quarantine
      SET position = @position, revision = @revision, event_id = @eventId, event_type = @eventType, error = @error,
          attempts = 1, quarantined_at = @at, last_attempt_at = @at
      WHERE id = @id`);
    this.updateAttempt = db.prepare(
      'UPDATE projection_quarantine SET error = ?, attempts = attempts + 1, last_attempt_at = ? WHERE id = ?',
    );
    this.copyOne = db.prepare(`INSERT INTO projection_quarantine
      (projection, generation, stream_id, position, revision, event_id, event_type, error, attempts, quarantined_at, last_attempt_at)
      SELECT projection, ?, stream_id, position, revision, event_id, event_type, error, attempts, quarantined_at, last_attempt_at
      FROM projection_quarantine WHERE id = ?`);
    this.deleteOne = db.prepare('DELETE FROM projection_quarantine WHERE id = ?');
    this.deleteGenerationRows = db.prepare('DELETE FROM projection_quarantine WHERE projection = ? AND generation = ?');
  }

  add(projection: string, generation: number, event: RecordedEvent, error: string, at: Date): number {
    const { lastInsertRowid } = this.insertOne.run({ projection, generation, ...eventColumns(event), error, at: at.toISOString() });
    return Number(lastInsertRowid);
  }

  byId(id: number): QuarantineRecord | undefined {
    return this.selectById.get(id);
  }

  ofProjection(projection: string): QuarantineRecord[] {
    return this.selectOfProjection.all(projection);
  }

  ofGeneration(projection: string, generation: number): QuarantineRecord[] {
    return this.selectOfGeneration.all(projection, generation);
  }

  /** The quarantine moves on to a later event of the same stream, which failed in turn. */
  moveTo(id: number, event: RecordedEvent, error: string, at: Date): void {
    this.updateEvent.run({ id, ...eventColumns(event), error, at: at.toISOString() });
  }

  /** The same quarantine in another generation (a replay's copy of the live rows lacks the event too). */
  copyTo(record: QuarantineRecord, generation: number): void {
    this.copyOne.run(generation, record.id);
  }

  recordAttempt(id: number, error: string, at: Date): void {
    this.updateAttempt.run(error, at.toISOString(), id);
  }

  delete(id: number): void {
    this.deleteOne.run(id);
  }

  deleteGeneration(projection: string, generation: number): void {
    this.deleteGenerationRows.run(projection, generation);
  }
}

function eventColumns(event: RecordedEvent) {
  return {
    streamId: event.streamId,
    position: event.position,
    revision: event.revision,
    eventId: event.eventId,
    eventType: event.type,
  };
}
