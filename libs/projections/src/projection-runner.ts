import type { Database } from 'better-sqlite3';
import type { EventStore, EventSubscription, RecordedEvent } from '#event-store';
import { CheckpointTable } from './checkpoints.js';
import type { Projection } from './projection.js';

export type RunnerState = 'stopped' | 'running' | 'faulted';

export interface ProjectionRunnerOptions {
  /** Events applied per transaction at most; one checkpoint write per batch. */
  batchSize?: number;
  onError?: (error: unknown, event: RecordedEvent | undefined) => void;
}

interface Waiter {
  position: number;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

interface PreparedProjection {
  projection: Projection;
  apply: (event: RecordedEvent) => void;
  handles: ReadonlySet<string>;
  checkpoint: number;
}

/**
 * Feeds projections from the store's global log (never from the Nest EventBus, which has
 * no positions and drops events). Events are applied in batches: each batch's rows and
 * every projection's checkpoint commit in one SQLite transaction, so a crash replays at
 * most an uncommitted batch and never applies an event twice.
 */
export class ProjectionRunner {
  private readonly checkpoints: CheckpointTable;
  private readonly batchSize: number;
  private prepared: PreparedProjection[] = [];
  private subscription: EventSubscription | undefined;
  private loop: Promise<void> | undefined;
  private pending: RecordedEvent[] = [];
  private flushScheduled = false;
  private waiters: Waiter[] = [];
  private processedPosition = 0;
  private runnerState: RunnerState = 'stopped';
  private failure: unknown;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.checkpoints = new CheckpointTable(db);
    this.batchSize = options.batchSize ?? 1000;
  }

  get state(): RunnerState {
    return this.runnerState;
  }

  get lastError(): unknown {
    return this.failure;
  }

  /** The position up to which every projection has applied the log. */
  get position(): number {
    return this.processedPosition;
  }

  start(): void {
    if (this.runnerState === 'running') return;
    this.prepared = this.projections.map((projection) => this.prepareProjection(projection));
    this.processedPosition = Math.min(...this.prepared.map((p) => p.checkpoint), Number.MAX_SAFE_INTEGER);
    if (this.prepared.length === 0) this.processedPosition = 0;
    this.subscription = this.store.subscribe({ from: this.processedPosition });
    this.runnerState = 'running';
    this.failure = undefined;
    this.loop = this.consume(this.subscription);
  }

  async stop(): Promise<void> {
    this.subscription?.close();
    await this.loop;
    this.flush();
    if (this.runnerState === 'running') this.runnerState = 'stopped';
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
  }

  /** Resolves true once every projection has applied the log up to `position`, false on timeout. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (position <= this.processedPosition) return Promise.resolve(true);
    if (this.runnerState === 'faulted') return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Applies everything up to the store's current head, then resolves (for the CLI and tests). */
  async catchUp(timeoutMs = 600_000): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  private prepareProjection(projection: Projection): PreparedProjection {
    projection.setup(this.db);
    const saved = this.checkpoints.get(projection.name);
    let checkpoint = saved?.position ?? 0;
    if (saved && saved.version !== projection.version) {
      // A new version reads the log differently: start it over from the beginning.
      this.db.transaction(() => {
        projection.truncate(this.db);
        this.checkpoints.save(projection.name, projection.version, 0);
      })();
      checkpoint = 0;
    }
    return { projection, apply: projection.prepare(this.db), handles: new Set(projection.handles), checkpoint };
  }

  private async consume(subscription: EventSubscription): Promise<void> {
    try {
      for await (const event of subscription) {
        this.pending.push(event);
        if (this.pending.length >= this.batchSize) {
          this.flush();
        } else if (!this.flushScheduled) {
          // Let the rest of an already-read page arrive first, so a catch-up commits in
          // batches rather than one transaction per event.
          this.flushScheduled = true;
          setImmediate(() => this.flush());
        }
        if (this.runnerState === 'faulted') break;
      }
    } catch (error) {
      this.fail(error, undefined);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.runnerState === 'faulted') return;
    const batch = this.pending;
    this.pending = [];
    let current: RecordedEvent | undefined;
    try {
      this.db.transaction(() => {
        for (const event of batch) {
          current = event;
          for (const p of this.prepared) {
            if (event.position > p.checkpoint && p.handles.has(event.type)) p.apply(event);
          }
        }
        const last = batch[batch.length - 1]!.position;
        for (const p of this.prepared) {
          if (last > p.checkpoint) this.checkpoints.save(p.projection.name, p.projection.version, last);
        }
      })();
    } catch (error) {
      this.fail(error, current);
      return;
    }
    const last = batch[batch.length - 1]!.position;
    for (const p of this.prepared) p.checkpoint = Math.max(p.checkpoint, last);
    this.processedPosition = Math.max(this.processedPosition, last);
    this.releaseWaiters();
  }

  private releaseWaiters(): void {
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= this.processedPosition) {
        clearTimeout(waiter.timer);
        waiter.resolve(true);
      } else {
        still.push(waiter);
      }
    }
    this.waiters = still;
  }

  private fail(error: unknown, event: RecordedEvent | undefined): void {
    this.runnerState = 'faulted';
    this.failure = error;
    this.subscription?.close();
    this.options.onError?.(error, event);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
  }
}
