import type { RebuildRecord } from '../bookkeeping/rebuild-table.js';
import type { SwapRecord } from '../bookkeeping/swap-table.js';
import {
  blueGreenUnsupported,
  projectionFrozen,
  rebuildInProgress,
  replayBeyondCheckpoint,
  replayUnsupported,
  runnerNotRunning,
} from '../projection.errors.js';
import { supportsBlueGreen, type Projection } from '../projection.js';
import { createShadowGeneration, type ShadowRequest } from './generations.js';
import type { OperationRequest, ProjectionRunnerOptions, RunnerContext } from './runner-context.js';
import { ShadowBuild, type ShadowHost } from './shadow-build.js';
import { swapIn } from './swap-in.js';

interface SwapWaiter {
  resolve: (swap: SwapRecord) => void;
  reject: (error: unknown) => void;
}

/** What rebuilds need from the rest of the runner. */
export interface RebuildHooks {
  /** The last position the live feed has handed out: a shadow behind it would miss those events. */
  feedPosition(): number;
  /** A new generation is live: readers may see further. */
  swapped(): void;
}

/**
 * Rebuilds and replays: each builds a shadow generation beside the live one from its own
 * checkpoint, and swaps it in once it has reached the head. Readers keep the live rows
 * throughout, so a rebuild never takes reads down.
 */
export class Rebuilds {
  private readonly swapWaiters = new Map<string, SwapWaiter[]>();
  private readonly host: ShadowHost;

  constructor(
    private readonly context: RunnerContext,
    private readonly hooks: RebuildHooks,
    options: Pick<ProjectionRunnerOptions, 'shadowIdleMs'>,
  ) {
    this.host = {
      store: context.store,
      db: context.db,
      batchSize: context.batchSize,
      idleMs: options.shadowIdleMs ?? 100,
      rebuilds: context.rebuilds,
      quarantine: context.quarantine,
      now: context.now,
      trySwap: (build) => this.trySwap(build),
      quarantined: (build, event, error) => context.noteQuarantine(build.name, build.slot.generation, event, error),
      faulted: (build, error) => {
        context.noteFault(build.name, error);
        this.rejectSwapWaiters(build.name, error);
      },
    };
  }

  /** Throws the refusal a rebuild of `name` would meet now, without starting it. */
  checkRebuild(name: string): void {
    const projection = this.context.projectionNamed(name);
    if (!supportsBlueGreen(projection)) throw blueGreenUnsupported(name);
    if (this.context.state !== 'running') throw runnerNotRunning(this.context.state);
    const build = this.context.shadows.get(name);
    if (build && build.state !== 'faulted') throw rebuildInProgress(name, build.record.kind, build.record.generation);
  }

  /** A new generation from the start of the log; a build that faulted is resumed from its checkpoint instead. */
  rebuild(name: string, request: OperationRequest): RebuildRecord {
    this.checkRebuild(name);
    const projection = this.context.projectionNamed(name);
    const faulted = this.context.shadows.get(name);
    if (faulted) return this.start(projection, this.context.rebuilds.get(name) ?? faulted.record);
    return this.start(projection, this.createShadow(projection, { kind: 'rebuild', fromPosition: 0, ...request }));
  }

  /** Throws the refusal a replay of `name` from `from` would meet now. */
  checkReplay(name: string, from: number): void {
    const projection = this.context.projectionNamed(name);
    if (!supportsBlueGreen(projection)) throw blueGreenUnsupported(name);
    if (!projection.rewind) throw replayUnsupported(name);
    if (this.context.state !== 'running') throw runnerNotRunning(this.context.state);
    const build = this.context.shadows.get(name);
    if (build) throw rebuildInProgress(name, build.record.kind, build.record.generation);
    const live = this.context.liveSlot(name);
    if (live.frozen) throw projectionFrozen(name);
    if (from > live.position) throw replayBeyondCheckpoint(name, from, live.position);
  }

  /** A copy of the live rows, rewound to `from` by the projection, catches up beside them. */
  replay(name: string, from: number, request: OperationRequest): RebuildRecord {
    this.checkReplay(name, from);
    const projection = this.context.projectionNamed(name);
    return this.start(projection, this.createShadow(projection, { kind: 'replay', fromPosition: from, ...request }));
  }

  /** Resolves with the next swap of `name`; rejects if its build faults or the runner stops. */
  whenSwapped(name: string): Promise<SwapRecord> {
    this.context.projectionNamed(name);
    return new Promise((resolve, reject) => {
      const list = this.swapWaiters.get(name) ?? [];
      list.push({ resolve, reject });
      this.swapWaiters.set(name, list);
    });
  }

  /** Rejects the swap waits of `name`, or of every projection. */
  rejectSwapWaiters(name: string | undefined, error: unknown): void {
    for (const [projection, list] of this.swapWaiters) {
      if (name !== undefined && projection !== name) continue;
      for (const waiter of list.splice(0)) waiter.reject(error);
    }
  }

  /** A new generation's tables and record beside the live generation (not started). */
  createShadow(projection: Projection, request: ShadowRequest): RebuildRecord {
    const { live, positions } = this.context;
    const liveGeneration = live.get(projection.name)?.generation ?? positions.get(projection.name)?.generation ?? 0;
    return createShadowGeneration(this.context, projection, liveGeneration, request, this.context.now());
  }

  /** The build of a recorded generation, from its checkpoint (not started). */
  shadowFor(projection: Projection, record: RebuildRecord): ShadowBuild {
    return new ShadowBuild(this.host, this.context.slot(projection, record.generation, record.version, record.position), record);
  }

  startAll(): void {
    for (const build of this.context.shadows.values()) build.start();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.context.shadows.values()].map((build) => build.stop()));
  }

  private start(projection: Projection, record: RebuildRecord): RebuildRecord {
    const build = this.shadowFor(projection, record);
    this.context.shadows.set(projection.name, build);
    build.start();
    return record;
  }

  /**
   * Swaps a shadow in, if it may be: nothing of it quarantined, and it has applied at
   * least everything the live feed has handed out (events the feed already passed would
   * otherwise never reach the new live generation).
   */
  private trySwap(build: ShadowBuild): boolean {
    if (this.context.state !== 'running' || build.slot.quarantined.size > 0) return false;
    if (build.slot.position < this.hooks.feedPosition()) return false;
    const swap = swapIn(this.context, build);
    // The new generation may be ahead of the old one: waits it satisfies end now.
    this.hooks.swapped();
    this.context.operation({ type: 'swapped', swap });
    for (const waiter of this.swapWaiters.get(build.name)?.splice(0) ?? []) waiter.resolve(swap);
    return true;
  }
}
