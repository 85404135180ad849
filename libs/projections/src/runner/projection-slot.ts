import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '#event-store';
import type { ApplyEvent, BatchMode, Projection } from '../projection.js';
import type { TableSet } from '../table-set.js';
import { BatchWriteFailure, EventApplyFailure, isInfrastructureFailure } from './apply-failure.js';

/**
 * One generation of one projection as the runner feeds it: the live generation readers
 * use, or a shadow being built. It holds its position in memory (the runner persists
 * it with the rows) and the streams whose events wait behind a quarantined one.
 */
export class ProjectionSlot {
  readonly handles: ReadonlySet<string>;
  /** Undefined while the slot is frozen: its rows belong to a version this code cannot apply. */
  private readonly applyOne: ApplyEvent | undefined;
  private readonly applyInSavepoint: ((event: RecordedEvent) => void) | undefined;
  /** Streams with a quarantined event: their later events wait behind it. */
  readonly quarantined: Set<string>;
  /** Positions an admin skipped for this version. */
  readonly skipped: Set<number>;

  constructor(
    db: Database,
    readonly projection: Projection,
    readonly tables: TableSet,
    /** The version the rows were written by (differs from the code's while frozen). */
    readonly version: number,
    /** How far this generation has applied the log (the runner persists it with the rows). */
    public position: number,
    options: { frozen?: boolean; quarantined?: Iterable<string>; skipped?: Iterable<number> } = {},
  ) {
    this.handles = new Set(projection.handles);
    this.quarantined = new Set(options.quarantined ?? []);
    this.skipped = new Set(options.skipped ?? []);
    if (!options.frozen) {
      const apply = projection.prepare(db, tables);
      this.applyOne = apply;
      // Nested in the batch transaction, better-sqlite3 runs this as a SAVEPOINT.
      this.applyInSavepoint = db.transaction((event: RecordedEvent) => apply(event));
    }
  }

  get name(): string {
    return this.projection.name;
  }

  get generation(): number {
    return this.tables.generation;
  }

  get frozen(): boolean {
    return this.applyOne === undefined;
  }

  /**
   * Whether the slot applies this event now; false for seen, unhandled, waiting or skipped
   * events, and for disposed ones: an emptied event gives no rows (the read-model check's
   * scratch fold follows the same rule), so a rebuild after a disposal drops what it gave.
   */
  wants(event: RecordedEvent): boolean {
    return (
      event.position > this.position &&
      event.disposal === undefined &&
      this.handles.has(event.type) &&
      (this.quarantined.size === 0 || !this.quarantined.has(event.streamId)) &&
      (this.skipped.size === 0 || !this.skipped.has(event.position))
    );
  }

  /**
   * The fast path: applies the batch with no savepoint per event, in the projection's
   * batch mode if it has one (rows it holds are written at the end). The first failure
   * throws, and the caller rolls the whole batch back and redoes it with applyEach.
   */
  applyAll(batch: readonly RecordedEvent[]): void {
    const apply = this.applyOne;
    if (!apply) return;
    const mode = apply.batch;
    mode?.begin();
    try {
      this.applyWanted(batch, apply, (event, error) => {
        throw new EventApplyFailure(this.name, event, error);
      });
      if (mode) this.flush(mode, batch);
    } catch (error) {
      mode?.discard();
      throw error;
    }
  }

  private flush(mode: BatchMode, batch: readonly RecordedEvent[]): void {
    try {
      mode.flush();
    } catch (error) {
      throw new BatchWriteFailure(this.name, batch[batch.length - 1]!, error);
    }
  }

  /**
   * The careful path: each event in its own savepoint, so a failing event leaves no
   * partial rows; it is handed to `quarantine` and its stream's later events wait.
   * Failures of the database itself are rethrown: they are no event's fault.
   */
  applyEach(batch: readonly RecordedEvent[], quarantine: (event: RecordedEvent, error: unknown) => void): void {
    if (!this.applyInSavepoint) return;
    this.applyWanted(batch, this.applyInSavepoint, (event, error) => {
      if (isInfrastructureFailure(error)) throw error;
      this.quarantined.add(event.streamId);
      quarantine(event, error);
    });
  }

  /** Each event the slot wants, in order; a failure goes to `failed`, which may throw to stop the batch. */
  private applyWanted(
    batch: readonly RecordedEvent[],
    apply: (event: RecordedEvent) => void,
    failed: (event: RecordedEvent, error: unknown) => void,
  ): void {
    for (const event of batch) {
      if (!this.wants(event)) continue;
      try {
        apply(event);
      } catch (error) {
        failed(event, error);
      }
    }
  }

  /** Applies one event in a savepoint; throws what the projection threw. */
  applyIsolated(event: RecordedEvent): void {
    if (!this.applyInSavepoint) throw new Error(`${this.name} generation ${this.generation} is frozen`);
    this.applyInSavepoint(event);
  }
}
