import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '#event-store';
import type { TableSet } from './table-set.js';

/**
 * A read model fed from the global log. The runner calls `apply` inside a transaction
 * that also writes the projection's checkpoint, so rows and checkpoint never disagree.
 *
 * The runner passes every function the TableSet of the generation it works on. A
 * projection that names its tables and indexes through it (and lists them in `tables`)
 * can be rebuilt beside the live generation and swapped in without taking reads down;
 * one that ignores it keeps fixed names (generation 0) and is rebuilt in place.
 */
export interface Projection {
  readonly name: string;
  /** Bumped when the rows a projection writes change meaning: a rebuild follows at start. */
  readonly version: number;
  /** The event types it reads; the runner skips the rest. */
  readonly handles: readonly string[];
  /**
   * Base names of the tables it owns. Declaring them is what makes blue/green rebuilds
   * possible: the runner creates, compares and drops a generation's tables by these
   * names. A projection without them can only be rebuilt in place.
   */
  readonly tables?: readonly string[];
  /** Creates its tables (and indexes) when missing. */
  setup(db: Database, tables?: TableSet): void;
  /** Empties its tables (before a build from the start). */
  truncate(db: Database, tables?: TableSet): void;
  /**
   * Prepares statements once and returns the function that applies one event. Its rows
   * are written when it returns, unless the runner has put it in batch mode (`BatchMode`).
   */
  prepare(db: Database, tables?: TableSet): ApplyEvent;
  /**
   * Removes what the events after `position` wrote, so that a replay from there can
   * apply them again. Only projections whose rows allow it (e.g. rows keyed by position)
   * declare it; without it, `replay` is refused and `rebuild` is the way.
   */
  rewind?(db: Database, tables: TableSet, position: number): void;
}

/** Applies one event; what `prepare` returns. */
export interface ApplyEvent {
  (event: RecordedEvent): void;
  /**
   * Present when the projection can write a batch's rows more cheaply than event by event
   * (e.g. each deal's row once per batch). A property of the function, not of the
   * projection: a projection that wraps another's `prepare` (a fault injected in a test, a
   * next version) returns a plain function and so applies event by event, as it expects.
   */
  readonly batch?: BatchMode;
}

/**
 * How the runner's fast path applies a whole batch in one transaction: `begin`, each
 * event through the apply function, then `flush` before the checkpoint is written. In
 * between, the projection may keep rows in memory; nothing outside it reads its tables
 * during the transaction. After `flush` or `discard` it writes event by event again.
 */
export interface BatchMode {
  begin(): void;
  /** Writes what it holds. A failure here is the batch's: the runner redoes it event by event. */
  flush(): void;
  /** Forgets what it holds: the batch's transaction is being rolled back. */
  discard(): void;
}

/** Whether the runner can build a new generation of this projection beside the live one. */
export const supportsBlueGreen = (projection: Projection): projection is Projection & { tables: readonly string[] } =>
  Array.isArray(projection.tables) && projection.tables.length > 0;
