import type { Database, Statement } from 'better-sqlite3';
import type { ComparisonReport } from '../runner/compare-generations.js';
import type { RebuildKind } from './rebuild-table.js';

/** A generation swapped in: what it replaced and what it changed for readers. */
export interface SwapRecord {
  projection: string;
  kind: RebuildKind;
  fromGeneration: number;
  toGeneration: number;
  fromVersion: number;
  toVersion: number;
  position: number;
  requestedBy: string;
  reason: string | null;
  startedAt: string;
  swappedAt: string;
  comparison: ComparisonReport;
}

interface SwapRow extends Omit<SwapRecord, 'comparison'> {
  comparison: string;
}

/** The history of swaps, written in the swap's own transaction. */
export class SwapTable {
  private readonly insertOne: Statement<Record<string, unknown>>;
  private readonly selectLast: Statement<[string], SwapRow>;

  constructor(db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_swaps (
      id INTEGER PRIMARY KEY,
      projection TEXT NOT NULL,
      kind TEXT NOT NULL,
      from_generation INTEGER NOT NULL,
      to_generation INTEGER NOT NULL,
      from_version INTEGER NOT NULL,
      to_version INTEGER NOT NULL,
      position INTEGER NOT NULL,
      requested_by TEXT NOT NULL,
      reason TEXT,
      started_at TEXT NOT NULL,
      swapped_at TEXT NOT NULL,
      comparison TEXT NOT NULL
    ) STRICT`);
    this.insertOne = db.prepare(`INSERT INTO projection_swaps
      (projection, kind, from_generation, to_generation, from_version, to_version, position, requested_by, reason,
       started_at, swapped_at, comparison)
      VALUES (@projection, @kind, @fromGeneration, @toGeneration, @fromVersion, @toVersion, @position, @requestedBy,
       @reason, @startedAt, @swappedAt, @comparison)`);
    this.selectLast = db.prepare(`SELECT projection, kind, from_generation AS fromGeneration, to_generation AS toGeneration,
      from_version AS fromVersion, to_version AS toVersion, position, requested_by AS requestedBy, reason,
      started_at AS startedAt, swapped_at AS swappedAt, comparison
      FROM projection_swaps WHERE projection = ? ORDER BY id DESC LIMIT 1`);
  }

  add(record: SwapRecord): void {
    this.insertOne.run({ ...record, comparison: JSON.stringify(record.comparison) });
  }

  last(projection: string): SwapRecord | undefined {
    const row = this.selectLast.get(projection);
    return row && { ...row, comparison: JSON.parse(row.comparison) as ComparisonReport };
  }
}
