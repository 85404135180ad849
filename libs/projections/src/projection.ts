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
  /** Prepares statements once and returns the function that applies one event. */
  prepare(db: Database, tables?: TableSet): (event: RecordedEvent) => void;
  /**
   * Removes what the events after `position` wrote, so that a replay from there can
   * apply them again. Only projections whose rows allow it (e.g. rows keyed by position)
   * declare it; without it, `replay` is refused and `rebuild` is the way.
   */
  rewind?(db: Database, tables: TableSet, position: number): void;
}

/** Whether the runner can build a new generation of this projection beside the live one. */
export const supportsBlueGreen = (projection: Projection): projection is Projection & { tables: readonly string[] } =>
  Array.isArray(projection.tables) && projection.tables.length > 0;
