import type { Database } from 'better-sqlite3';
import { RestartSchedule, type ComponentHealth, type EventStore, type RecordedEvent, type SelfHealing } from '#event-store';
import type { QuarantineRecord } from './bookkeeping/quarantine-table.js';
import type { RebuildRecord } from './bookkeeping/rebuild-table.js';
import type { SwapRecord } from './bookkeeping/swap-table.js';
import type { ProjectionStatus, QuarantinedEvent, ResolutionOutcome } from './projection-status.js';
import type { Projection } from './projection.js';
import type { ReadModelProgress, RunnerState } from './read-model-progress.js';
import { LiveFeed } from './runner/live-feed.js';
import { openProjection } from './runner/open-projection.js';
import { QuarantineDesk } from './runner/quarantine-desk.js';
import { ReadProgress } from './runner/read-progress.js';
import { Rebuilds } from './runner/rebuilds.js';
import { RunnerContext, type OperationRequest, type ProjectionRunnerOptions } from './runner/runner-context.js';
import { RunnerStatus } from './runner/runner-status.js';
import { tableSet } from './table-set.js';

export type { OperationRequest, ProjectionRunnerOptions, RunnerOperation } from './runner/runner-context.js';

const NOTHING_HELD_BACK: ReadonlySet<string> = new Set();

/**
 * Feeds projections from the store's global log, as a façade over parts with one role
 * each (after Marten's async daemon): the live feed (`runner/live-feed.ts`), the
 * readers' progress and waits (`runner/read-progress.ts`), rebuilds and replays into a
 * shadow generation swapped in at the head (`runner/rebuilds.ts`, `runner/swap-in.ts`),
 * quarantined events and their retry or skip (`runner/quarantine-desk.ts`) and the
 * status admins see (`runner/runner-status.ts`). Here they are started, stopped and
 * faulted together.
 *
 * Readers that only wait for a position or report health depend on `ReadModelProgress`.
 */
export class ProjectionRunner implements ReadModelProgress, SelfHealing {
  private readonly context: RunnerContext;
  private readonly progress: ReadProgress;
  private readonly feed: LiveFeed;
  private readonly rebuilds: Rebuilds;
  private readonly desk: QuarantineDesk;
  private readonly statuses: RunnerStatus;
  private readonly restarts: RestartSchedule;
  /** Set by `stop`: a restart after a failure that is under way then does not start the runner again. */
  private stopRequested = false;

  constructor(store: EventStore, db: Database, projections: readonly Projection[], options: ProjectionRunnerOptions = {}) {
    const context = new RunnerContext(store, db, projections, options);
    this.context = context;
    this.progress = new ReadProgress(context, () => this.restarts.pending);
    this.restarts = new RestartSchedule(() => this.restartAfterFailure());
    this.feed = new LiveFeed(context, {
      applied: () => {
        this.restarts.succeeded();
        this.progress.advance();
      },
      failed: (error, event) => this.fail(error, event),
    });
    this.rebuilds = new Rebuilds(
      context,
      {
        feedPosition: () => this.feed.position,
        swapped: () => {
          this.progress.reset();
          this.progress.advance();
        },
      },
      options,
    );
    this.desk = new QuarantineDesk(context);
    this.statuses = new RunnerStatus(context);
  }

  get state(): RunnerState {
    return this.context.state;
  }

  get lastError(): unknown {
    return this.context.failure;
  }

  /** The position up to which every projection's served rows show the log. */
  get position(): number {
    return this.progress.position;
  }

  get names(): string[] {
    return this.context.names;
  }

  start(): void {
    const { context } = this;
    if (context.state === 'running') return;
    this.stopRequested = false;
    context.live.clear();
    context.shadows.clear();
    context.failure = undefined;
    const started = [...context.projections.values()].flatMap((projection) => openProjection(context, this.rebuilds, projection));
    this.progress.reset();
    this.feed.start(this.progress.position);
    this.rebuilds.startAll();
    for (const operation of started) context.operation(operation);
  }

  /**
   * Creates every projection's live tables where missing, without feeding them: for a
   * process that only reads the status (readers need the tables to prepare statements).
   * Tables of a version the code no longer writes are left as they are.
   */
  setUpTables(): void {
    for (const projection of this.context.projections.values()) {
      const saved = this.context.positions.get(projection.name);
      if (saved && saved.version !== projection.version) continue;
      projection.setup(this.context.db, tableSet(saved?.generation ?? 0));
    }
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.restarts.cancel();
    await this.feed.stop();
    await this.rebuilds.stopAll();
    if (this.context.state === 'running') this.context.state = 'stopped';
    this.progress.abandon();
    this.rebuilds.rejectSwapWaiters(undefined, new Error('The projection runner stopped'));
  }

  /**
   * Resolves true once every projection's served rows show the log up to `position`,
   * false on timeout. A projection frozen for a version rebuild serves older rows until
   * its swap, so a wait across such a rebuild ends at the swap or on timeout.
   */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.progress.waitFor(position, timeoutMs);
  }

  heldBack(): ReadonlySet<string> {
    const slots = [...this.context.live.values()].filter((slot) => slot.quarantined.size > 0);
    if (slots.length === 0) return NOTHING_HELD_BACK;
    return new Set(slots.flatMap((slot) => [...slot.quarantined]));
  }

  /** Applies everything up to the store's current head, then resolves (for the CLI and tests). */
  async catchUp(timeoutMs = 600_000): Promise<boolean> {
    return this.waitFor(await this.context.store.headPosition(), timeoutMs);
  }

  /** `recovering` while a restart after a transient failure is scheduled. */
  health(): ComponentHealth {
    const { state } = this.context;
    return this.restarts.health({ component: 'projections', neededToServe: true }, state === 'faulted' ? 'failed' : state, this.feed.interruption);
  }

  /** Starts a faulted runner again now (an operator fixed what faulted it). */
  retryNow(): void {
    if (this.context.state === 'faulted') this.restarts.retryNow();
  }

  // ── rebuilds and replays ───────────────────────────────────────────────────────────

  /** Resolves with the next swap of `name`; rejects if its build faults or the runner stops. */
  whenSwapped(name: string): Promise<SwapRecord> {
    return this.rebuilds.whenSwapped(name);
  }

  /** Throws the refusal a rebuild of `name` would meet now, without starting it. */
  checkRebuild(name: string): void {
    this.rebuilds.checkRebuild(name);
  }

  /**
   * Starts building a new generation of `name` from the start of the log beside the live
   * one; it is swapped in when it reaches the head. A build that faulted is resumed from
   * its checkpoint instead.
   */
  rebuild(name: string, request: OperationRequest): RebuildRecord {
    return this.rebuilds.rebuild(name, request);
  }

  /** Throws the refusal a replay of `name` from `from` would meet now. */
  checkReplay(name: string, from: number): void {
    this.rebuilds.checkReplay(name, from);
  }

  /**
   * Reprocesses the events after `from`: a copy of the live rows, rewound to `from` by the
   * projection, catches up beside the live tables and is swapped in like a rebuild.
   */
  replay(name: string, from: number, request: OperationRequest): RebuildRecord {
    return this.rebuilds.replay(name, from, request);
  }

  // ── status ─────────────────────────────────────────────────────────────────────────

  status(): Promise<ProjectionStatus[]> {
    return this.statuses.all();
  }

  statusOf(name: string): Promise<ProjectionStatus> {
    return this.statuses.of(name);
  }

  // ── quarantine ─────────────────────────────────────────────────────────────────────

  /** Quarantined events of `name` (live and shadow), oldest first, with how many wait behind each. */
  quarantined(name: string): Promise<QuarantinedEvent[]> {
    return this.desk.quarantined(name);
  }

  /** Finds a quarantined event, or throws QUARANTINE.NOT_FOUND. */
  quarantinedEvent(name: string, id: number): QuarantineRecord {
    return this.desk.quarantinedEvent(name, id);
  }

  /** Throws the refusal a retry or skip would meet now (the runner is not feeding, or the slot is frozen). */
  checkResolution(name: string): void {
    this.desk.checkResolution(name);
  }

  /** Applies the quarantined event again (after a fix), then the events that waited behind it. */
  retry(name: string, id: number): Promise<ResolutionOutcome> {
    return this.desk.retry(name, id);
  }

  /** Leaves the quarantined event out for good (for this projection version), then applies the events behind it. */
  skip(name: string, id: number, request: Required<OperationRequest>): Promise<ResolutionOutcome> {
    return this.desk.skip(name, id, request);
  }

  /**
   * The read-model database (or the store) failed: nothing more is applied. After a
   * transient failure (disk full, I/O error, a lock, the store unavailable) the runner starts
   * again on its own, with growing delays, and waits go on within their bounds; after any
   * other every wait ends, and it stays faulted until an admin's retry or a restart.
   * Reported once per episode: the restarts that fail again say nothing new.
   */
  private fail(error: unknown, event: RecordedEvent | undefined): void {
    this.context.state = 'faulted';
    this.context.failure = error;
    this.feed.close();
    if (!this.restarts.failing) this.context.reportError(error, event);
    this.rebuilds.rejectSwapWaiters(undefined, error);
    const restarting = !this.stopRequested && this.restarts.afterFailure(error);
    if (!restarting) this.progress.abandon();
  }

  /** Starts again from the committed positions, once the feed of the failed run has ended. */
  private async restartAfterFailure(): Promise<void> {
    if (this.stopRequested || this.context.state !== 'faulted') return;
    try {
      await this.feed.stop();
      await this.rebuilds.stopAll();
      if (this.stopRequested || this.context.state !== 'faulted') return;
      this.context.state = 'stopped';
      this.start();
      this.restarts.resumed();
    } catch (error) {
      this.fail(error, undefined);
    }
  }
}
