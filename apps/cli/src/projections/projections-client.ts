import type { TableComparison } from '#projections';

/**
 * What `ledger projections` needs, whoever serves it: a running server over its admin
 * routes, or the data directory opened by the command itself. Both answer with the
 * shapes of the HTTP API (positions as cursor strings).
 */
export interface ProjectionsClient {
  /** Where the answers come from, for the user: the server's URL or the data directory. */
  readonly source: string;
  list(): Promise<ProjectionView[]>;
  status(name: string): Promise<ProjectionView>;
  rebuild(name: string, reason?: string): Promise<OperationView>;
  replay(name: string, start: ReplayFrom, reason?: string): Promise<OperationView>;
  /**
   * Local mode: the command itself feeds the read models, so a stall can only be
   * resolved once a server runs; over HTTP, admins can resolve it meanwhile.
   */
  readonly waitsOnStall: boolean;
  close(): Promise<void>;
}

export type ReplayFrom = { fromPosition: string } | { fromTime: string };

export interface ErrorView {
  message: string;
  at: string;
  position?: string;
  streamId?: string;
}

export interface BuildView {
  kind: 'rebuild' | 'replay';
  state: 'building' | 'stalled' | 'faulted';
  version: number;
  generation: number;
  from: string;
  position: string;
  head: string;
  done: number;
  total: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
  quarantined: number;
  startedAt: string;
  requestedBy: string;
  reason: string | null;
  lastError?: ErrorView;
}

/** The server sends the runner's comparison as is (it holds no positions to turn into cursors). */
export type TableComparisonView = TableComparison;

export interface SwapView {
  kind: 'rebuild' | 'replay';
  fromGeneration: number;
  toGeneration: number;
  fromVersion: number;
  toVersion: number;
  position: string;
  requestedBy: string;
  reason: string | null;
  startedAt: string;
  swappedAt: string;
  comparison: { identical: boolean; differences: number; tables: TableComparisonView[] };
}

export interface ProjectionView {
  name: string;
  version: number;
  servedVersion: number;
  generation: number;
  state: string;
  checkpoint: string;
  head: string;
  lag: { events: number; seconds: number };
  eventsPerSecond: number;
  quarantined: number;
  lastError?: ErrorView;
  blueGreen: boolean;
  replayable: boolean;
  build?: BuildView;
  lastSwap?: SwapView;
}

export interface OperationView {
  kind: 'rebuild' | 'replay';
  projection: string;
  version: number;
  generation: number;
  from: string;
  requestedBy: string;
  reason: string | null;
  startedAt: string;
}

/** A refusal with the API's stable code, printed as `code: message`. */
export class ProjectionsCommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectionsCommandError';
  }
}
