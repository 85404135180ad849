/**
 * `running`: doing its work. `recovering`: a transient failure stopped it and it starts again
 * on its own (see `failure`). `faulted`: a failure that needs an operator. `stopped`: not
 * started, or shut down.
 */
export type ComponentState = 'running' | 'recovering' | 'faulted' | 'stopped';

/** How one part of the ledger that follows the log is doing, for `/health/ready`, metrics and logs. */
export interface ComponentHealth {
  /** `projections`, `log-tree`, `event-feed`, `api-keys`, `checkpoints`. */
  component: string;
  /**
   * Whether requests need it: a replica is ready for traffic only while every such part runs.
   * The log tree and its checkpoints are not: without them the ledger serves correct answers,
   * its proofs only stop growing (and say so).
   */
  neededToServe: boolean;
  state: ComponentState;
  /** The failure it is recovering from, or that faulted it. */
  failure?: string;
  /** When that failure was first met (ISO 8601); cleared once it runs again. */
  failingSince?: string;
  /** How many times it started again on its own after a failure, since the process started. */
  restarts: number;
}

/** A part of the ledger that heals on its own, and that an admin may tell to try again now. */
export interface SelfHealing {
  health(): ComponentHealth;
  /** Starts again at once when recovering or faulted (an operator fixed the cause); no-op when running. */
  retryNow(): void;
}
