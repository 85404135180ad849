import type { Database } from 'better-sqlite3';
import { describeFailure, type EventStore, type RecordedEvent } from '#event-store';
import { QuarantineTable } from '../bookkeeping/quarantine-table.js';
import { RebuildTable, type RebuildRecord } from '../bookkeeping/rebuild-table.js';
import { SkipTable } from '../bookkeeping/skip-table.js';
import { SwapTable, type SwapRecord } from '../bookkeeping/swap-table.js';
import { ProjectionPositions } from '../projection-positions.js';
import { projectionNotFound, runnerNotRunning } from '../projection.errors.js';
import type { ErrorStatus } from '../projection-status.js';
import type { Projection } from '../projection.js';
import type { RunnerState } from '../read-model-progress.js';
import { tableSet } from '../table-set.js';
import type { GenerationBooks } from './generations.js';
import { ProjectionSlot } from './projection-slot.js';
import { RateMeter } from './rate-meter.js';
import type { ShadowBuild } from './shadow-build.js';

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

/**
 * What the runner's parts share: the projections, the bookkeeping tables, the slot each
 * generation is fed through (live, and shadow while a build runs) and the runner's state.
 * The parts (live feed, rebuilds, quarantine desk, status) each change only their corner.
 */
export class RunnerContext implements GenerationBooks {
  readonly projections: ReadonlyMap<string, Projection>;
  readonly positions: ProjectionPositions;
  readonly rebuilds: RebuildTable;
  readonly quarantine: QuarantineTable;
  readonly skips: SkipTable;
  readonly swaps: SwapTable;
  readonly batchSize: number;
  readonly now: () => Date;
  readonly live = new Map<string, ProjectionSlot>();
  readonly shadows = new Map<string, ShadowBuild>();
  readonly liveRates = new Map<string, RateMeter>();
  readonly lastErrors = new Map<string, ErrorStatus>();
  state: RunnerState = 'stopped';
  failure: unknown;

  constructor(
    readonly store: EventStore,
    readonly db: Database,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.projections = new Map(projections.map((p) => [p.name, p]));
    this.positions = new ProjectionPositions(db);
    this.rebuilds = new RebuildTable(db);
    this.quarantine = new QuarantineTable(db);
    this.skips = new SkipTable(db);
    this.swaps = new SwapTable(db);
    this.batchSize = options.batchSize ?? 1000;
    this.now = options.clock ?? (() => new Date());
  }

  get names(): string[] {
    return [...this.projections.keys()];
  }

  projectionNamed(name: string): Projection {
    const projection = this.projections.get(name);
    if (!projection) throw projectionNotFound(name, this.names);
    return projection;
  }

  liveSlot(name: string): ProjectionSlot {
    const slot = this.live.get(name);
    if (!slot) throw runnerNotRunning(this.state);
    return slot;
  }

  slotOfGeneration(name: string, generation: number): ProjectionSlot | undefined {
    const live = this.live.get(name);
    if (live?.generation === generation) return live;
    const shadow = this.shadows.get(name)?.slot;
    return shadow?.generation === generation ? shadow : undefined;
  }

  positionOfGeneration(name: string, generation: number): number {
    const slot = this.slotOfGeneration(name, generation);
    if (slot) return slot.position;
    const saved = this.positions.get(name);
    if (saved?.generation === generation) return saved.position;
    const record = this.rebuilds.get(name);
    return record?.generation === generation ? record.position : 0;
  }

  /** The position up to which every live slot has applied the log. */
  servedPosition(): number {
    if (this.live.size === 0) return 0;
    return Math.min(...[...this.live.values()].map((slot) => slot.position));
  }

  /** A slot for one generation, with the streams quarantined in it and the positions skipped for its version. */
  slot(projection: Projection, generation: number, version: number, checkpoint: number, frozen = false): ProjectionSlot {
    return new ProjectionSlot(this.db, projection, tableSet(generation), version, checkpoint, {
      frozen,
      quarantined: this.quarantine.ofGeneration(projection.name, generation).map((q) => q.streamId),
      skipped: this.skips.positions(projection.name, version),
    });
  }

  operation(operation: RunnerOperation): void {
    this.options.onOperation?.(operation);
  }

  /** An event a projection threw on was quarantined: its status shows the error, the admin stream the event. */
  noteQuarantine(name: string, generation: number, event: RecordedEvent, error: unknown): void {
    const message = describeFailure(error);
    this.lastErrors.set(name, { message, at: this.now().toISOString(), position: event.position, streamId: event.streamId });
    this.operation({ type: 'quarantined', projection: name, generation, event, error: message });
  }

  noteFault(name: string, error: unknown): void {
    this.lastErrors.set(name, { message: describeFailure(error), at: this.now().toISOString() });
  }

  /** The runner stopped applying: the read-model database failed. */
  reportError(error: unknown, event: RecordedEvent | undefined): void {
    this.options.onError?.(error, event);
  }
}
