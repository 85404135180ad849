import { hasSqliteCode } from './apply-failure.js';

/**
 * Failures that pass once the machine recovers: a full disk freed, an I/O error gone, a lock
 * released, the store reachable again. After one of them the runner starts again on its
 * own, from the positions committed with the rows, so nothing is applied twice or skipped.
 * A file that is corrupt, not a database or read-only needs an operator: it stays faulted.
 * (Each code here is also an infrastructure failure of apply-failure.ts: it faults the runner, never quarantines.)
 * Codes: https://www.sqlite.org/rescode.html
 */
const TRANSIENT_CODES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_NOMEM', 'SQLITE_INTERRUPT', 'SQLITE_PROTOCOL'];

export function isTransientFailure(error: unknown): boolean {
  if ((error as { kind?: unknown } | null)?.kind === 'unavailable') return true; // the event store's StoreUnavailableError
  return hasSqliteCode(error, TRANSIENT_CODES);
}

const FIRST_DELAY_MS = 100;
const LONGEST_DELAY_MS = 5_000;

/** When to try again after a transient failure: 0.1 s, doubling to 5 s, back to 0.1 s once a batch commits. */
export class RestartSchedule {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly restart: () => void) {}

  /** Schedules a restart after a transient failure; any other failure stays until an operator restarts. */
  afterFailure(error: unknown): void {
    if (!isTransientFailure(error)) return;
    const delay = Math.min(FIRST_DELAY_MS * 2 ** this.failures, LONGEST_DELAY_MS);
    this.failures += 1;
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.restart();
    }, delay);
    // A restart pending must not keep a process alive that is otherwise done.
    this.timer.unref();
  }

  /** A batch committed: the next failure starts the delays over. */
  succeeded(): void {
    this.failures = 0;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
