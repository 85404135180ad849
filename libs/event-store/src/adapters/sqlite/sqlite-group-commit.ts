import type Database from 'better-sqlite3';
import type { Span } from '@opentelemetry/api';
import type { PreparedAppend } from '../../append-preparation.js';
import { MAX_EVENTS_PER_WRITE } from '../../append-preparation.js';
import type { AppendResult } from '../../event-store.port.js';

/** One caller's write (an `append`, or an `appendMany` as a whole), waiting for the next commit. */
interface PendingWrite {
  appends: PreparedAppend[];
  events: number;
  /** The caller's append span, when tracing is on: told how many writes shared its commit. */
  span: Span | undefined;
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

type Outcome = { results: AppendResult[] } | { error: unknown };

export interface GroupCommitSteps {
  /** The commit time of a transaction, read inside it (see commitTime). */
  recordedAt(): string;
  /** Checks and inserts one append inside the open transaction; throws to refuse it. */
  insert(append: PreparedAppend, recordedAt: string): AppendResult;
  /** Our error for whatever a write threw (no SqliteError crosses the port). */
  translate(error: unknown): unknown;
  /** Runs after each durable commit. */
  afterCommit(): void;
}

/**
 * Group commit. Every commit with synchronous=FULL waits for an fsync, and better-sqlite3
 * waits for it on the event loop, so under concurrent requests the commits, not the work,
 * set the pace. Writes that arrive in the same turn of the event loop (concurrent HTTP
 * commands land in one poll phase) are collected and written in ONE `BEGIN IMMEDIATE`
 * transaction: one commit, one fsync for all of them. Durability is unchanged: no caller
 * is answered before the commit that holds its write has returned.
 *
 * The outcome of each write is the one it would have had alone, written one after another
 * in arrival order: each runs in its own savepoint, so a refused write (wrong expected
 * revision, an event id already stored) rolls back alone and fails alone with the usual
 * error, and the next one is checked against what the earlier ones wrote (revisions and
 * the hash chain continue from them). Only a failure of the transaction itself (the write
 * lock not obtained, the disk refusing the commit) fails every write of the batch, none of
 * which is then stored. A lone write costs one extra turn of the loop (setImmediate).
 */
export class GroupCommit {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private readonly writeBatch: Database.Transaction<(batch: PendingWrite[]) => Outcome[]>;

  constructor(
    private readonly db: Database.Database,
    private readonly steps: GroupCommitSteps,
  ) {
    // Nested inside writeBatch, better-sqlite3 runs this as a savepoint: released when it
    // returns, rolled back to (and released) when it throws.
    const writeOne = db.transaction((appends: PreparedAppend[], recordedAt: string) =>
      appends.map((append) => steps.insert(append, recordedAt)),
    );
    this.writeBatch = db.transaction((batch: PendingWrite[]) => {
      // One commit, one time, read inside the transaction so it is never behind the last commit.
      const recordedAt = steps.recordedAt();
      return batch.map((write): Outcome => {
        try {
          return { results: writeOne(write.appends, recordedAt) };
        } catch (error) {
          // SQLite rolls the whole transaction back by itself on some errors (a full disk,
          // an I/O error): then nothing of the batch will be stored, and all of it fails.
          if (!db.inTransaction) throw error;
          return { error };
        }
      });
    });
  }

  /** Resolves once the write is durable, or rejects with why it was refused. */
  submit(appends: PreparedAppend[], span?: Span): Promise<AppendResult[]> {
    return new Promise((resolve, reject) => {
      const events = appends.reduce((sum, append) => sum + append.events.length, 0);
      this.pending.push({ appends, events, span, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything submitted so far (also called by close(), so nothing accepted is dropped). */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.takeBatch();
      let outcomes: Outcome[];
      try {
        // BEGIN IMMEDIATE takes the write lock before the revision checks read anything,
        // so no other process can write between our checks and our inserts.
        outcomes = this.writeBatch.immediate(batch);
      } catch (error) {
        const translated = this.steps.translate(error);
        for (const write of batch) write.reject(translated);
        continue;
      }
      noteCommit(batch);
      outcomes.forEach((outcome, i) => {
        if ('results' in outcome) batch[i]!.resolve(outcome.results);
        else batch[i]!.reject(this.steps.translate(outcome.error));
      });
      // After the commit, never inside it: a woken subscriber must find the rows. (The
      // callers' continuations run later, as microtasks: this order holds nobody up.)
      this.steps.afterCommit();
    }
  }

  /**
   * The oldest writes, up to MAX_EVENTS_PER_WRITE events in all (at least one write): one
   * transaction holds no more than one caller's largest write could, so a burst of large
   * imports does not make one huge commit.
   */
  private takeBatch(): PendingWrite[] {
    let events = 0;
    let count = 0;
    while (count < this.pending.length) {
      const next = this.pending[count]!;
      if (count > 0 && events + next.events > MAX_EVENTS_PER_WRITE) break;
      events += next.events;
      count++;
    }
    return this.pending.splice(0, count);
  }
}

/**
 * Several commands share one commit: each append span says how many writes and events its
 * commit held (1 and its own when alone), so a slow append shows whether it waited for others.
 */
function noteCommit(batch: PendingWrite[]): void {
  let events = 0;
  for (const write of batch) events += write.events;
  for (const write of batch) write.span?.setAttributes({ 'ledger.commit.writes': batch.length, 'ledger.commit.events': events });
}
