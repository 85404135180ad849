export type RunnerState = 'stopped' | 'running' | 'faulted';

/**
 * What readers need of the projection runner, and nothing more: read-your-writes waits for
 * a position, health reports how far the read models are. HTTP and the application depend
 * on this port rather than on the runner, whose rebuild and quarantine operations they
 * never call.
 */
export interface ReadModelProgress {
  /** `faulted`: the read-model database (or the store) failed; nothing moves until the runner starts again (on its own after a transient failure). */
  readonly state: RunnerState;
  /** The position up to which every projection's served rows show the log. */
  readonly position: number;
  /**
   * Resolves true once every projection's served rows show the log up to `position`,
   * false on timeout, when the runner stops, or when it faults for good (through a failure
   * it recovers from on its own, the wait goes on within its bound).
   */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  /**
   * Streams whose later events wait behind an event a read model could not apply
   * (quarantined): their rows show them as they stood before it, whatever `position` says.
   */
  heldBack(): ReadonlySet<string>;
}
