import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '#event-store';
import { openReadModelDatabase, tableSet, type Projection } from '#projections';
import { ReadModelTables } from './read-model-tables.js';

/** An event a projection's code failed on: the runner quarantines it and holds its stream back. */
export interface FailedEvent {
  projection: string;
  event: RecordedEvent;
  error: string;
}

/**
 * The rows the log gives, made by the projections' own code: one deal's events folded
 * into a scratch SQLite `:memory:` database, emptied before each deal so that one scratch
 * serves any number of deals. Each projection sees the events the runner would give it:
 * the types it handles, up to the position its live rows stand at; an event its code
 * fails on is rolled back and its stream's later events held back, as the runner does.
 */
export class ScratchFold {
  /** The scratch rows, at generation 0's table names (what the readers read). */
  readonly db: Database = openReadModelDatabase(':memory:');
  private readonly appliers: { projection: Projection; apply: (event: RecordedEvent) => void }[];
  readonly tables: ReadModelTables;

  constructor(readonly projections: readonly Projection[]) {
    const scratch = tableSet(0);
    this.appliers = projections.map((projection) => {
      projection.setup(this.db, scratch);
      const apply = projection.prepare(this.db, scratch);
      return { projection, apply: this.db.transaction((event: RecordedEvent) => apply(event)) };
    });
    this.tables = new ReadModelTables(this.db);
  }

  /** Folds one deal's events; `upTo` is each projection's live position. Returns the events a projection failed on. */
  fold(events: readonly RecordedEvent[], upTo: ReadonlyMap<string, number>): FailedEvent[] {
    const failed: FailedEvent[] = [];
    this.db.transaction(() => {
      for (const { projection } of this.appliers) projection.truncate(this.db, tableSet(0));
      for (const { projection, apply } of this.appliers) {
        const position = upTo.get(projection.name) ?? 0;
        for (const event of events) {
          // A disposed event gives no rows, as in the runner (ProjectionSlot.wants).
          if (event.position > position || event.disposal || !projection.handles.includes(event.type)) continue;
          try {
            apply(event);
          } catch (error) {
            failed.push({ projection: projection.name, event, error: error instanceof Error ? error.message : String(error) });
            break;
          }
        }
      }
    })();
    return failed;
  }

  close(): void {
    this.db.close();
  }
}
