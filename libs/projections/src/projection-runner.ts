import type { Database } from 'better-sqlite3';
import { BatchFeed, PositionWaiters, type EventStore, type EventSubscription, type RecordedEvent } from '#event-store';
import { QuarantineTable, type QuarantineRecord } from './bookkeeping/quarantine-table.js';
import { RebuildTable, type RebuildRecord } from './bookkeeping/rebuild-table.js';
import { SkipTable } from './bookkeeping/skip-table.js';
import { SwapTable, type SwapRecord } from './bookkeeping/swap-table.js';
import { CheckpointTable } from './checkpoints.js';
import {
  blueGreenUnsupported,
  projectionFrozen,
  projectionNotFound,
  quarantineNotFound,
  rebuildInProgress,
  replayBeyondCheckpoint,
  replayUnsupported,
  runnerNotRunning,
} from './projection.errors.js';
import type { ErrorStatus, ProjectionStatus, QuarantinedEvent, ResolutionOutcome } from './projection-status.js';
import { supportsBlueGreen, type Projection } from './projection.js';
import { EventApplyFailure, describeFailure, isInfrastructureFailure } from './runner/apply-failure.js';
import { compareGenerations } from './runner/compare-generations.js';
import {
  createShadowGeneration,
  discardShadowGeneration,
  dropOrphanGenerations,
  retireGeneration,
  type GenerationBooks,
  type ShadowRequest,
} from './runner/generations.js';
import { ProjectionSlot } from './runner/projection-slot.js';
import { resolveQuarantine, type Resolution } from './runner/quarantine-resolution.js';
import { RateMeter } from './runner/rate-meter.js';
import { ShadowBuild, type ShadowHost } from './runner/shadow-build.js';
import { statusReport } from './runner/status-report.js';
import { tableSet } from './table-set.js';

export type RunnerState = 'stopped' | 'running' | 'faulted';

/** Who asked for an operation and why: recorded with it. */
export interface OperationRequest {
  requestedBy: string;
  reason?: string;
}

/** What the runner did on its own, for the admin stream and logs. */
export type RunnerOperation =
  | { type: 'rebuild-started'; record: RebuildRecord; servedVersion: number }
  | { type: 'rebuilt-in-place'; projection: string; fromVersion: number; toVersion: number }
  | { type: 'swapped'; swap: SwapRecord }
  | { type: 'quarantined'; projection: string; generation: number; event: RecordedEvent; error: string };

export interface ProjectionRunnerOptions {
  /** Events applied per transaction at most; one checkpoint write per batch. */
  batchSize?: number;
  /** The runner stopped applying: the read-model database failed. */
  onError?: (error: unknown, event: RecordedEvent | undefined) => void;
  onOperation?: (operation: RunnerOperation) => void;
  clock?: () => Date;
  /** How long a shadow that reached the head waits before looking for new events. */
  shadowIdleMs?: number;
}

interface SwapWaiter {
  resolve: (swap: SwapRecord) => void;
  reject: (error: unknown) => void;
}


/**
 * Feeds projections from the store's global log (never from the Nest EventBus, which has
 * no positions and drops events). Events are applied in batches: each batch's rows and
 * every projection's checkpoint commit in one SQLite transaction, so a crash replays at
 * most an uncommitted batch and never applies an event twice.
 *
 * Each projection has a live generation of tables (what readers use) and, during a
 * rebuild or replay, a shadow generation built beside it from its own checkpoint. When
 * the shadow reaches the head it is compared with the live rows and swapped in by
 * rewriting the checkpoint row that points readers at a generation: one transaction.
 *
 * An event a projection throws on is quarantined with its stream: the stream's later
 * events wait behind it, other streams flow on, and an admin retries or skips it.
 */
export class ProjectionRunner {
  private readonly projections: ReadonlyMap<string, Projection>;
  private readonly checkpoints: CheckpointTable;
  private readonly rebuilds: RebuildTable;
  private readonly quarantine: QuarantineTable;
  private readonly skips: SkipTable;
  private readonly swaps: SwapTable;
  private readonly batchSize: number;
  private readonly now: () => Date;
  private readonly live = new Map<string, ProjectionSlot>();
  private readonly shadows = new Map<string, ShadowBuild>();
  private readonly liveRates = new Map<string, RateMeter>();
  private readonly lastErrors = new Map<string, ErrorStatus>();
  private readonly swapWaiters = new Map<string, SwapWaiter[]>();
  private subscription: EventSubscription | undefined;
  private loop: Promise<void> | undefined;
  private readonly feed: BatchFeed;
  private readonly waiters = new PositionWaiters();
  private processedPosition = 0;
  /** The last position the main feed has handed to the live slots (applied or not theirs). */
  private feedPosition = 0;
  private runnerState: RunnerState = 'stopped';
  private failure: unknown;
  private readonly shadowHost: ShadowHost;
  private readonly books: GenerationBooks;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.projections = new Map(projections.map((p) => [p.name, p]));
    this.checkpoints = new CheckpointTable(db);
    this.rebuilds = new RebuildTable(db);
    this.quarantine = new QuarantineTable(db);
    this.skips = new SkipTable(db);
    this.swaps = new SwapTable(db);
    this.batchSize = options.batchSize ?? 1000;
    this.feed = new BatchFeed({
      batchSize: this.batchSize,
      onBatch: (batch) => this.applyBatch(batch),
      stopped: () => this.runnerState === 'faulted',
    });
    this.now = options.clock ?? (() => new Date());
    this.books = { db, rebuilds: this.rebuilds, quarantine: this.quarantine };
    this.shadowHost = {
      store,
      db,
      batchSize: this.batchSize,
      idleMs: options.shadowIdleMs ?? 100,
      rebuilds: this.rebuilds,
      quarantine: this.quarantine,
      now: this.now,
      trySwap: (build) => this.trySwap(build),
      quarantined: (build, event, error) => this.noteQuarantine(build.name, build.slot.generation, event, error),
      faulted: (build, error) => {
        this.lastErrors.set(build.name, { message: describeFailure(error), at: this.now().toISOString() });
        this.rejectSwapWaiters(build.name, error);
      },
    };
  }

  get state(): RunnerState {
    return this.runnerState;
  }

  get lastError(): unknown {
    return this.failure;
  }

  /** The position up to which every projection's served rows show the log. */
  get position(): number {
    return this.processedPosition;
  }

  get names(): string[] {
    return [...this.projections.keys()];
  }

  start(): void {
    if (this.runnerState === 'running') return;
    this.live.clear();
    this.shadows.clear();
    this.failure = undefined;
    const started: RunnerOperation[] = [];
    for (const projection of this.projections.values()) started.push(...this.open(projection));
    this.processedPosition = this.servedPosition();
    this.feedPosition = this.processedPosition;
    this.subscription = this.store.subscribe({ from: this.processedPosition });
    this.runnerState = 'running';
    this.loop = this.consume(this.subscription);
    for (const build of this.shadows.values()) build.start();
    for (const operation of started) this.options.onOperation?.(operation);
  }

  /**
   * Creates every projection's live tables where missing, without feeding them: for a
   * process that only reads the status (readers need the tables to prepare statements).
   * Tables of a version the code no longer writes are left as they are.
   */
  setUpTables(): void {
    for (const projection of this.projections.values()) {
      const saved = this.checkpoints.get(projection.name);
      if (saved && saved.version !== projection.version) continue;
      projection.setup(this.db, tableSet(saved?.generation ?? 0));
    }
  }

  async stop(): Promise<void> {
    this.subscription?.close();
    await this.loop;
    this.feed.flush();
    await Promise.all([...this.shadows.values()].map((build) => build.stop()));
    if (this.runnerState === 'running') this.runnerState = 'stopped';
    this.waiters.abandon();
    this.rejectSwapWaiters(undefined, new Error('The projection runner stopped'));
  }

  /**
   * Resolves true once every projection's served rows show the log up to `position`,
   * false on timeout. A projection frozen for a version rebuild serves older rows until
   * its swap, so a wait across such a rebuild ends at the swap or on timeout.
   */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (position <= this.processedPosition) return Promise.resolve(true);
    if (this.runnerState === 'faulted') return Promise.resolve(false);
    return this.waiters.wait(position, timeoutMs);
  }

  /** Applies everything up to the store's current head, then resolves (for the CLI and tests). */
  async catchUp(timeoutMs = 600_000): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  /** Resolves with the next swap of `name`; rejects if its build faults or the runner stops. */
  whenSwapped(name: string): Promise<SwapRecord> {
    this.projectionNamed(name);
    return new Promise((resolve, reject) => {
      const list = this.swapWaiters.get(name) ?? [];
      list.push({ resolve, reject });
      this.swapWaiters.set(name, list);
    });
  }

  // ── operations ─────────────────────────────────────────────────────────────────────

  /** Throws the refusal a rebuild of `name` would meet now, without starting it. */
  checkRebuild(name: string): void {
    const projection = this.projectionNamed(name);
    if (!supportsBlueGreen(projection)) throw blueGreenUnsupported(name);
    if (this.runnerState !== 'running') throw runnerNotRunning(this.runnerState);
    const build = this.shadows.get(name);
    if (build && build.state !== 'faulted') throw rebuildInProgress(name, build.record.kind, build.record.generation);
  }

  /**
   * Starts building a new generation of `name` from the start of the log beside the live
   * one; it is swapped in when it reaches the head. A build that faulted is resumed from
   * its checkpoint instead.
   */
  rebuild(name: string, request: OperationRequest): RebuildRecord {
    this.checkRebuild(name);
    const projection = this.projectionNamed(name);
    const faulted = this.shadows.get(name);
    if (faulted) return this.resumeShadow(projection, faulted.record);
    return this.startShadow(projection, { kind: 'rebuild', fromPosition: 0, ...request });
  }

  /** Throws the refusal a replay of `name` from `from` would meet now. */
  checkReplay(name: string, from: number): void {
    const projection = this.projectionNamed(name);
    if (!supportsBlueGreen(projection)) throw blueGreenUnsupported(name);
    if (!projection.rewind) throw replayUnsupported(name);
    if (this.runnerState !== 'running') throw runnerNotRunning(this.runnerState);
    const build = this.shadows.get(name);
    if (build) throw rebuildInProgress(name, build.record.kind, build.record.generation);
    const live = this.liveSlot(name);
    if (live.frozen) throw projectionFrozen(name);
    if (from > live.checkpoint) throw replayBeyondCheckpoint(name, from, live.checkpoint);
  }

  /**
   * Reprocesses the events after `from`: a copy of the live rows, rewound to `from` by the
   * projection, catches up beside the live tables and is swapped in like a rebuild.
   */
  replay(name: string, from: number, request: OperationRequest): RebuildRecord {
    this.checkReplay(name, from);
    return this.startShadow(this.projectionNamed(name), { kind: 'replay', fromPosition: from, ...request });
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return Promise.all(this.names.map((name) => this.statusAt(name, head)));
  }

  async statusOf(name: string): Promise<ProjectionStatus> {
    this.projectionNamed(name);
    return this.statusAt(name, await this.store.headPosition());
  }

  /** Quarantined events of `name` (live and shadow), oldest first, with how many wait behind each. */
  async quarantined(name: string): Promise<QuarantinedEvent[]> {
    const projection = this.projectionNamed(name);
    const handles = new Set(projection.handles);
    const records = this.quarantine.ofProjection(name);
    return Promise.all(
      records.map(async (record) => {
        const checkpoint = this.checkpointOfGeneration(name, record.generation);
        const later = await this.store.readStream(record.streamId, { fromRevision: record.revision + 1 });
        const waiting = later.filter((e) => e.position <= checkpoint && handles.has(e.type)).length;
        return this.describeQuarantine(record, waiting);
      }),
    );
  }

  /** Finds a quarantined event, or throws QUARANTINE.NOT_FOUND. */
  quarantinedEvent(name: string, id: number): QuarantineRecord {
    this.projectionNamed(name);
    const record = this.quarantine.byId(id);
    if (!record || record.projection !== name || !this.slotOfGeneration(name, record.generation)) {
      throw quarantineNotFound(name, id);
    }
    return record;
  }

  /** Throws the refusal a retry or skip would meet now (the runner is not feeding, or the slot is frozen). */
  checkResolution(name: string): void {
    this.projectionNamed(name);
    if (this.runnerState !== 'running') throw runnerNotRunning(this.runnerState);
  }

  /** Applies the quarantined event again (after a fix), then the events that waited behind it. */
  retry(name: string, id: number): Promise<ResolutionOutcome> {
    return this.resolve(name, id, { kind: 'retry' });
  }

  /** Leaves the quarantined event out for good (for this projection version), then applies the events behind it. */
  skip(name: string, id: number, request: Required<OperationRequest>): Promise<ResolutionOutcome> {
    return this.resolve(name, id, { kind: 'skip', skippedBy: request.requestedBy, reason: request.reason });
  }

  // ── opening projections ────────────────────────────────────────────────────────────

  /** Prepares a projection's live slot and its build in progress, if any; returns what it started. */
  private open(projection: Projection): RunnerOperation[] {
    const { name } = projection;
    const operations: RunnerOperation[] = [];
    const blueGreen = supportsBlueGreen(projection);
    const saved = this.checkpoints.get(name);
    let record = this.rebuilds.get(name);
    if (record && (!blueGreen || record.version !== projection.version)) {
      // Built for another version of the code: nothing in it can be kept.
      discardShadowGeneration(this.books, projection, record);
      record = undefined;
    }

    const generation = saved?.generation ?? 0;
    let servedVersion = saved?.version ?? projection.version;
    let checkpoint = saved?.position ?? 0;
    let frozen = false;
    if (saved && saved.version !== projection.version) {
      if (blueGreen) {
        // The live rows keep serving, frozen (this code cannot apply the old version),
        // while the new version is built beside them.
        frozen = true;
        if (!record) {
          record = this.createShadow(projection, {
            kind: 'rebuild',
            fromPosition: 0,
            requestedBy: 'system:start-up',
            reason: `version ${saved.version} → ${projection.version}`,
          });
          operations.push({ type: 'rebuild-started', record, servedVersion });
        }
      } else {
        // Without declared tables there is nowhere to build beside the live rows.
        const tables = tableSet(generation);
        this.db.transaction(() => {
          projection.setup(this.db, tables);
          projection.truncate(this.db, tables);
          this.quarantine.deleteGeneration(name, generation);
          this.checkpoints.save(name, projection.version, 0, generation, this.now());
        })();
        operations.push({ type: 'rebuilt-in-place', projection: name, fromVersion: saved.version, toVersion: projection.version });
        servedVersion = projection.version;
        checkpoint = 0;
      }
    }
    const tables = tableSet(generation);
    if (!frozen) projection.setup(this.db, tables);
    this.live.set(
      name,
      new ProjectionSlot(this.db, projection, tables, servedVersion, checkpoint, {
        frozen,
        quarantined: this.quarantine.ofGeneration(name, generation).map((q) => q.streamId),
        skipped: this.skips.positions(name, servedVersion),
      }),
    );
    this.liveRates.set(name, new RateMeter());
    if (record) this.shadows.set(name, this.shadowFor(projection, record));
    if (blueGreen) dropOrphanGenerations(this.books, projection, [generation, ...(record ? [record.generation] : [])]);
    return operations;
  }

  private startShadow(projection: Projection, request: ShadowRequest): RebuildRecord {
    const record = this.createShadow(projection, request);
    const build = this.shadowFor(projection, record);
    this.shadows.set(projection.name, build);
    build.start();
    return record;
  }

  private resumeShadow(projection: Projection, record: RebuildRecord): RebuildRecord {
    const saved = this.rebuilds.get(projection.name) ?? record;
    const build = this.shadowFor(projection, saved);
    this.shadows.set(projection.name, build);
    build.start();
    return saved;
  }

  private createShadow(projection: Projection, request: ShadowRequest): RebuildRecord {
    const liveGeneration = this.live.get(projection.name)?.generation ?? this.checkpoints.get(projection.name)?.generation ?? 0;
    return createShadowGeneration(this.books, projection, liveGeneration, request, this.now());
  }

  private shadowFor(projection: Projection, record: RebuildRecord): ShadowBuild {
    const slot = new ProjectionSlot(this.db, projection, tableSet(record.generation), record.version, record.position, {
      quarantined: this.quarantine.ofGeneration(projection.name, record.generation).map((q) => q.streamId),
      skipped: this.skips.positions(projection.name, record.version),
    });
    return new ShadowBuild(this.shadowHost, slot, record);
  }

  // ── the live feed ──────────────────────────────────────────────────────────────────

  private async consume(subscription: EventSubscription): Promise<void> {
    try {
      await this.feed.consume(subscription);
    } catch (error) {
      this.fail(error, undefined);
    }
  }

  private applyBatch(batch: RecordedEvent[]): void {
    const last = batch[batch.length - 1]!.position;
    const slots = [...this.live.values()].filter((slot) => !slot.frozen && last > slot.checkpoint);
    try {
      this.commitLive(slots, batch, last, false);
    } catch (error) {
      if (!(error instanceof EventApplyFailure)) {
        this.fail(error, undefined);
        return;
      }
      if (isInfrastructureFailure(error)) {
        this.fail(error.cause, error.event);
        return;
      }
      try {
        this.commitLive(slots, batch, last, true);
      } catch (again) {
        this.fail(again, undefined);
        return;
      }
    }
    const at = Date.now();
    for (const slot of slots) {
      slot.checkpoint = last;
      this.liveRates.get(slot.name)?.record(last, at);
    }
    this.feedPosition = Math.max(this.feedPosition, last);
    this.advance();
  }

  /** One transaction: the batch's rows in every live slot and their checkpoints. */
  private commitLive(slots: ProjectionSlot[], batch: RecordedEvent[], last: number, careful: boolean): void {
    const at = this.now();
    const failed: { slot: ProjectionSlot; event: RecordedEvent; error: unknown }[] = [];
    this.db.transaction(() => {
      for (const slot of slots) {
        if (!careful) {
          slot.applyAll(batch);
          continue;
        }
        slot.applyEach(batch, (event, error) => {
          this.quarantine.add(slot.name, slot.generation, event, describeFailure(error), at);
          failed.push({ slot, event, error });
        });
      }
      for (const slot of slots) this.checkpoints.save(slot.name, slot.version, last, slot.generation, at);
    })();
    for (const { slot, event, error } of failed) this.noteQuarantine(slot.name, slot.generation, event, error);
  }

  private servedPosition(): number {
    if (this.live.size === 0) return 0;
    return Math.min(...[...this.live.values()].map((slot) => slot.checkpoint));
  }

  private advance(): void {
    this.processedPosition = Math.max(this.processedPosition, this.servedPosition());
    this.waiters.reached(this.processedPosition);
  }

  private fail(error: unknown, event: RecordedEvent | undefined): void {
    this.runnerState = 'faulted';
    this.failure = error;
    this.subscription?.close();
    this.options.onError?.(error, event);
    this.waiters.abandon();
    this.rejectSwapWaiters(undefined, error);
  }

  // ── shadows and swaps ──────────────────────────────────────────────────────────────

  /**
   * Swaps a shadow in, if it may be: nothing of it quarantined, and it has applied at
   * least everything the live feed has handed out (events the feed already passed would
   * otherwise never reach the new live generation). Synchronous, like every reader's
   * query, so no read sees the swap half done.
   */
  private trySwap(build: ShadowBuild): boolean {
    if (this.runnerState !== 'running' || build.slot.quarantined.size > 0) return false;
    if (build.slot.checkpoint < this.feedPosition) return false;
    const { projection } = build.slot;
    const live = this.liveSlot(projection.name);
    const comparison = compareGenerations(this.db, projection.tables!, live.tables, build.slot.tables);
    const swappedAt = this.now();
    const swap: SwapRecord = {
      projection: projection.name,
      kind: build.record.kind,
      fromGeneration: live.generation,
      toGeneration: build.slot.generation,
      fromVersion: live.version,
      toVersion: build.slot.version,
      position: build.slot.checkpoint,
      requestedBy: build.record.requestedBy,
      reason: build.record.reason,
      startedAt: build.record.startedAt,
      swappedAt: swappedAt.toISOString(),
      comparison,
    };
    this.db.transaction(() => {
      this.checkpoints.save(projection.name, build.slot.version, build.slot.checkpoint, build.slot.generation, swappedAt);
      this.rebuilds.delete(projection.name);
      this.swaps.add(swap);
    })();
    build.state = 'swapped';
    this.live.set(projection.name, build.slot);
    this.shadows.delete(projection.name);
    this.liveRates.get(projection.name)?.reset();
    // No reader uses the old generation any more. A crash before this cleanup leaves
    // orphan tables, which the next start drops.
    retireGeneration(this.books, projection as Projection & { tables: readonly string[] }, live.generation);
    // The new generation may be ahead of the old one: waits it satisfies end now.
    this.processedPosition = this.servedPosition();
    this.advance();
    this.options.onOperation?.({ type: 'swapped', swap });
    for (const waiter of this.swapWaiters.get(projection.name)?.splice(0) ?? []) waiter.resolve(swap);
    return true;
  }

  private rejectSwapWaiters(name: string | undefined, error: unknown): void {
    for (const [projection, list] of this.swapWaiters) {
      if (name !== undefined && projection !== name) continue;
      for (const waiter of list.splice(0)) waiter.reject(error);
    }
  }

  private noteQuarantine(name: string, generation: number, event: RecordedEvent, error: unknown): void {
    const message = describeFailure(error);
    this.lastErrors.set(name, {
      message,
      at: this.now().toISOString(),
      position: event.position,
      streamId: event.streamId,
    });
    this.options.onOperation?.({ type: 'quarantined', projection: name, generation, event, error: message });
  }

  // ── quarantine ─────────────────────────────────────────────────────────────────────

  private async resolve(name: string, id: number, resolution: Resolution): Promise<ResolutionOutcome> {
    this.quarantinedEvent(name, id);
    if (this.runnerState !== 'running') throw runnerNotRunning(this.runnerState);
    const outcome = await resolveQuarantine(
      {
        store: this.store,
        db: this.db,
        quarantine: this.quarantine,
        skips: this.skips,
        now: this.now,
        slotOf: (generation) => this.slotOfGeneration(name, generation),
        notFound: () => quarantineNotFound(name, id),
        frozen: () => projectionFrozen(name),
      },
      id,
      resolution,
    );
    // A shadow that waited on this event may now be able to swap.
    this.shadows.get(name)?.nudge();
    if (outcome.outcome === 'moved') {
      const record = this.quarantine.byId(id)!;
      return { ...outcome, quarantine: this.describeQuarantine(record, 0) };
    }
    return { outcome: 'resolved', applied: outcome.applied };
  }

  private describeQuarantine(record: QuarantineRecord, waiting: number): QuarantinedEvent {
    const shadow = this.shadows.get(record.projection);
    return {
      id: record.id,
      projection: record.projection,
      slot: shadow?.slot.generation === record.generation ? 'shadow' : 'live',
      generation: record.generation,
      streamId: record.streamId,
      position: record.position,
      revision: record.revision,
      eventId: record.eventId,
      eventType: record.eventType,
      error: record.error,
      attempts: record.attempts,
      waiting,
      quarantinedAt: record.quarantinedAt,
      lastAttemptAt: record.lastAttemptAt,
    };
  }

  // ── status ─────────────────────────────────────────────────────────────────────────

  private async statusAt(name: string, head: number): Promise<ProjectionStatus> {
    const projection = this.projectionNamed(name);
    const saved = this.checkpoints.get(name);
    const live = this.live.get(name);
    const generation = live?.generation ?? saved?.generation ?? 0;
    const checkpoint = live?.checkpoint ?? saved?.position ?? 0;
    const shadow = this.shadows.get(name);
    const record = this.rebuilds.get(name) ?? shadow?.record;
    const lastSwap = this.swaps.last(name);
    const lastError = this.lastErrors.get(name);
    return statusReport({
      projection,
      head,
      runner: this.runnerState,
      ...(this.runnerState === 'faulted'
        ? { runnerError: { message: describeFailure(this.failure), at: this.now().toISOString() } }
        : {}),
      generation,
      checkpoint,
      servedVersion: live?.version ?? saved?.version ?? projection.version,
      quarantined: this.quarantine.ofGeneration(name, generation).length,
      secondsBehind: head > checkpoint ? await this.secondsBehind(checkpoint) : 0,
      eventsPerSecond: this.liveRates.get(name)?.perSecond() ?? 0,
      ...(lastError ? { lastError } : {}),
      ...(lastSwap ? { lastSwap } : {}),
      ...(record
        ? {
            build: {
              record,
              position: shadow?.slot.checkpoint ?? record.position,
              quarantined: this.quarantine.ofGeneration(name, record.generation).length,
              eventsPerSecond: shadow?.rate.perSecond() ?? 0,
              faulted: shadow?.state === 'faulted',
              ...(shadow?.lastError ? { lastError: shadow.lastError } : {}),
            },
          }
        : {}),
    });
  }

  /** How long the oldest event the served rows lack has been in the log. */
  private async secondsBehind(checkpoint: number): Promise<number> {
    for await (const next of this.store.readAll({ after: checkpoint, maxCount: 1 })) {
      return Math.max(0, (this.now().getTime() - Date.parse(next.recordedAt)) / 1000);
    }
    return 0;
  }

  // ── lookups ────────────────────────────────────────────────────────────────────────

  private projectionNamed(name: string): Projection {
    const projection = this.projections.get(name);
    if (!projection) throw projectionNotFound(name, this.names);
    return projection;
  }

  private liveSlot(name: string): ProjectionSlot {
    const slot = this.live.get(name);
    if (!slot) throw runnerNotRunning(this.runnerState);
    return slot;
  }

  private slotOfGeneration(name: string, generation: number): ProjectionSlot | undefined {
    const live = this.live.get(name);
    if (live?.generation === generation) return live;
    const shadow = this.shadows.get(name)?.slot;
    return shadow?.generation === generation ? shadow : undefined;
  }

  private checkpointOfGeneration(name: string, generation: number): number {
    const slot = this.slotOfGeneration(name, generation);
    if (slot) return slot.checkpoint;
    const saved = this.checkpoints.get(name);
    if (saved?.generation === generation) return saved.position;
    const record = this.rebuilds.get(name);
    return record?.generation === generation ? record.position : 0;
  }
}
