import type { QuarantineRecord } from './bookkeeping/quarantine-table.js';
import type { RebuildKind } from './bookkeeping/rebuild-table.js';
import type { SwapRecord } from './bookkeeping/swap-table.js';

/**
 * - running: caught up with the log;
 * - catching_up: behind the head, applying;
 * - rebuilding: a new generation is being built beside the live one;
 * - stalled: an event is quarantined (its deal waits) until an admin retries or skips it;
 * - faulted: the database failed; nothing moves until a restart;
 * - stopped: no runner feeds it (e.g. `ledger projections list` with no server running).
 */
export type ProjectionState = 'running' | 'catching_up' | 'rebuilding' | 'stalled' | 'faulted' | 'stopped';

export interface ErrorStatus {
  message: string;
  at: string;
  position?: number;
  streamId?: string;
}

/** A rebuild or replay in progress: the same numbers the CLI's progress bar shows. */
export interface BuildStatus {
  kind: RebuildKind;
  state: 'building' | 'stalled' | 'faulted';
  version: number;
  generation: number;
  from: number;
  position: number;
  head: number;
  /** Events read so far and in all, from `from` to the head: what a progress bar shows. */
  done: number;
  total: number;
  eventsPerSecond: number;
  /** Null while the rate is unknown (just started, or stalled). */
  etaSeconds: number | null;
  quarantined: number;
  startedAt: string;
  requestedBy: string;
  reason: string | null;
  lastError?: ErrorStatus;
}

export interface ProjectionStatus {
  name: string;
  /** The version in the code. */
  version: number;
  /** The version the served rows were written by: older than `version` until a version rebuild swaps in. */
  servedVersion: number;
  generation: number;
  state: ProjectionState;
  checkpoint: number;
  head: number;
  lag: { events: number; seconds: number };
  eventsPerSecond: number;
  /** Events quarantined in the served generation. */
  quarantined: number;
  lastError?: ErrorStatus;
  /** Whether it can be rebuilt beside its live tables (it declares them). */
  blueGreen: boolean;
  /** Whether it can replay from a point (it can rewind its rows). */
  replayable: boolean;
  build?: BuildStatus;
  lastSwap?: SwapRecord;
}

/** A quarantined event as admins see it: its record, and where it stands. */
export interface QuarantinedEvent extends QuarantineRecord {
  /** `live`: readers' rows lack it; `shadow`: a rebuild waits on it before it can swap. */
  slot: 'live' | 'shadow';
  /** Later events of the stream held back behind it. */
  waiting: number;
}

export type ResolutionOutcome =
  /** Applied (or skipped), with every event that waited behind it. */
  | { outcome: 'resolved'; applied: number }
  /** A later event of the stream failed in turn: the quarantine moved to it. */
  | { outcome: 'moved'; applied: number; quarantine: QuarantinedEvent };
