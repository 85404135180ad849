import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '#event-store';

/**
 * A read model fed from the global log. The runner calls `apply` inside a transaction
 * that also writes the projection's checkpoint, so rows and checkpoint never disagree.
 */
export interface Projection {
  readonly name: string;
  /** Bumped when the rows a projection writes change meaning (a rebuild follows). */
  readonly version: number;
  /** The event types it reads; the runner skips the rest. */
  readonly handles: readonly string[];
  /** Creates its tables when missing. */
  setup(db: Database): void;
  /** Empties its tables (before a replay from the start). */
  truncate(db: Database): void;
  /** Prepares statements once and returns the function that applies one event. */
  prepare(db: Database): (event: RecordedEvent) => void;
}
