import type { Database } from 'better-sqlite3';
import { leafHash } from '#verifier';
import { unreadableEventProblem, type ChainProblem } from '../chain/chain-problem.js';
import { ChainVerifier, type StreamHead } from '../chain/chain-verifier.js';
import { BatchFeed } from '../batch-feed.js';
import { DisposalRegistry } from '../disposal/disposal-record.js';
import { PositionWaiters } from '../position-waiters.js';
import { StoreUnavailableError, UnreadableEventError } from '../event-store.errors.js';
import type { EventStore, EventSubscription, RecordedEvent } from '../event-store.port.js';
import type { ComponentHealth, SelfHealing } from '../recovery/component-health.js';
import { RestartSchedule } from '../recovery/restart-schedule.js';
import { isTransientFailure } from '../recovery/transient-failure.js';
import { LogTree, type NewLeaf } from './log-tree.js';
import { TreeChains } from './tree-chains.js';

export interface LogTreeFollowerOptions {
  /** See ChainVerifierOptions. */
  globalTimeOrder?: boolean;
  densePositions?: boolean;
  /** Events taken in per transaction at most (default 1,000). */
  batchSize?: number;
  /** Called once when the follower halts on a problem. */
  onProblem?: (problem: ChainProblem) => void;
  /** Called once per failure episode of the machine (disk full, I/O error, store unavailable) it recovers from on its own. */
  onFailure?: (error: unknown) => void;
}

/** `recovering`: a transient failure stopped it; it starts again on its own from its last leaf. */
export type LogTreeFollowerState = 'stopped' | 'following' | 'recovering' | 'halted';

export interface LogTreeStatus {
  state: LogTreeFollowerState;
  size: number;
  lastPosition: number;
  /** Why the follower halted: the tree grows no more, and no checkpoint is signed, until this is resolved. */
  problem?: ChainProblem;
}

/**
 * Feeds the log tree from the store's global log, as a projection is fed, but checks every
 * event against its stream's head before it becomes a leaf: a tree that only ever takes in
 * events whose chains hold is a tree whose checkpoints sign no broken history. On the first
 * event that does not fit, or a log that no longer holds the tree's last leaf (rolled back,
 * truncated), it halts and says why; it never skips an event.
 *
 * A failure of the machine (a full disk, an I/O error, a lock, the store unreachable) is no
 * problem of the log: the follower drops its subscription and starts again on its own from
 * its last leaf, as the projection runner does. A batch that failed to write left nothing
 * (the tree is written in one transaction), and what the failed run had read but not taken
 * in is dropped with its feed, so each event becomes a leaf once.
 */
export class LogTreeFollower implements SelfHealing {
  readonly tree: LogTree;
  private run: FollowingRun | undefined;
  private state: LogTreeFollowerState = 'stopped';
  private problem: ChainProblem | undefined;
  private readonly waiters = new PositionWaiters();
  private readonly chains: TreeChains;
  /**
   * The recorded disposals, read at each start: an event emptied before the tree took it
   * in (a tree rebuilt after a disposal) is accepted with the hash its disposal recorded.
   */
  private disposals = new DisposalRegistry();
  // Reported once per episode: the restarts that fail again say nothing new.
  private readonly restarts = new RestartSchedule(() => this.restartAfterFailure(), { onFirstFailure: (error) => this.options.onFailure?.(error) });

  constructor(
    private readonly store: EventStore,
    db: Database,
    private readonly options: LogTreeFollowerOptions = {},
  ) {
    this.tree = new LogTree(db);
    this.chains = new TreeChains(db);
  }

  status(): LogTreeStatus {
    return {
      state: this.state,
      size: this.tree.size(),
      lastPosition: this.tree.lastPosition(),
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }

  /** Starts following; a store that cannot be reached now is tried again on its own (see `health`). */
  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.state = 'following';
    await this.follow();
  }

  async stop(): Promise<void> {
    this.restarts.cancel();
    // First, so that a restart under way does not subscribe again.
    if (this.state === 'following' || this.state === 'recovering') this.state = 'stopped';
    const run = this.run;
    this.run = undefined;
    run?.subscription.close();
    await run?.loop;
    run?.feed.flush();
    this.waiters.abandon();
  }

  /** `log-tree`: `recovering` while it starts again after a transient failure, `faulted` once halted. */
  health(): ComponentHealth {
    const { state } = this;
    return this.restarts.health({ component: 'log-tree', neededToServe: false }, state === 'following' ? 'running' : state === 'stopped' ? 'stopped' : 'failed', this.run?.subscription.interruption);
  }

  /**
   * Starts again now after a failure of the machine, or after a halt on a proofs file that
   * failed (an operator repaired it). A halt on the chain stays: events that do not fit
   * need an investigation and a restart, not another try.
   */
  retryNow(): void {
    const infrastructure = this.state === 'halted' && this.problem?.code === 'TREE.UNAVAILABLE';
    if (this.state !== 'recovering' && !infrastructure) return;
    if (infrastructure) {
      this.state = 'recovering';
      this.problem = undefined;
    }
    this.restarts.retryNow();
  }

  /**
   * Resolves true once the tree holds every event up to `position`; false on timeout or a
   * halt (a halted tree's leaves may stand for events the log no longer has). A transient
   * failure ends no wait: the tree grows again once the follower has started again.
   */
  waitFor(position: number, timeoutMs = 60_000): Promise<boolean> {
    if (this.state === 'halted') return Promise.resolve(false);
    if (this.tree.lastPosition() >= position) return Promise.resolve(true);
    return this.waiters.wait(position, timeoutMs);
  }

  /** A stream's last event as the tree took it in: what the stream must still hold. */
  streamHead(streamId: string): StreamHead | undefined {
    return this.chains.head(streamId);
  }

  /** Takes in everything up to the store's head now, then resolves (for the CLI and tests). */
  async catchUp(timeoutMs?: number): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  /**
   * The tree's last leaf must still be in the log, as it was: otherwise the log was cut back
   * (a truncation, a restored backup) and new events would be sealed on top of the cut.
   */
  private async logStillHoldsTree(): Promise<ChainProblem | undefined> {
    const size = this.tree.size();
    if (size === 0) return undefined;
    const position = this.tree.lastPosition();
    let event: RecordedEvent | undefined;
    try {
      // From the leaf before it: on KurrentDB positions have gaps, so `position - 1` names no event.
      const after = size >= 2 ? this.tree.positionOf(size - 2)! : 0;
      for await (const found of this.store.readAll({ after, maxCount: 1 })) event = found;
    } catch (error) {
      if (error instanceof UnreadableEventError) return unreadableEventProblem(error);
      throw error;
    }
    if (!event || event.position !== position) {
      return {
        code: 'TREE.AHEAD_OF_LOG',
        message:
          `The log tree's last leaf (${size - 1}) is the event at position ${position}, which the log no longer holds ` +
          `(its head is at ${await this.store.headPosition()}): events were removed from the end of the log`,
        position,
      };
    }
    if (!leafHash(Buffer.from(event.hash, 'hex')).equals(this.tree.leafHashAt(size - 1))) {
      return {
        code: 'TREE.LEAF_MISMATCH',
        message: `${event.streamId}@${event.revision} (position ${position}) is not the event the log tree took in as leaf ${size - 1}: it was replaced`,
        streamId: event.streamId,
        revision: event.revision,
        position,
        eventId: event.eventId,
        foundHash: event.hash,
      };
    }
    return undefined;
  }

  /** Checks the tree still stands on the log, then subscribes after its last leaf with a feed of its own. */
  private async follow(): Promise<void> {
    let problem: ChainProblem | undefined;
    let subscription: EventSubscription;
    try {
      problem = await this.logStillHoldsTree();
      this.disposals = await DisposalRegistry.load(this.store);
      // Stopped meanwhile.
      if (this.state !== 'following') return;
      if (problem) return this.halt(problem);
      subscription = this.store.subscribe({ from: this.tree.lastPosition() });
    } catch (error) {
      return this.fail(error, 'Reading the log', undefined);
    }
    const run: FollowingRun = {
      subscription,
      ended: false,
      feed: new BatchFeed({
        batchSize: this.options.batchSize ?? 1000,
        onBatch: (batch) => this.takeInBatch(batch, run),
        // A run that failed or halted hands nothing more over, not even from `flush`.
        stopped: () => run.ended,
      }),
      loop: undefined,
    };
    this.run = run;
    this.restarts.resumed();
    run.loop = this.consume(run);
  }

  private async consume(run: FollowingRun): Promise<void> {
    try {
      await run.feed.consume(run.subscription);
      // Not closed by `stop` or a failure: the store ended it (it was closed, or lost).
      if (run === this.run && !run.ended) this.fail(new StoreUnavailableError('The event store ended the subscription'), 'Following the log', run);
    } catch (error) {
      this.fail(error, 'Following the log', run);
    }
  }

  /** Never throws: it runs in a turn of its own, where an error would end the process. */
  private takeInBatch(batch: RecordedEvent[], run: FollowingRun): void {
    let problem: ChainProblem | undefined;
    try {
      problem = this.tree.write(() => this.takeIn(batch));
    } catch (error) {
      return this.fail(error, 'Writing the log tree', run);
    }
    if (problem) return this.halt(problem);
    this.restarts.succeeded();
    this.waiters.reached(this.tree.lastPosition());
  }

  /**
   * A transient failure ends this run and schedules the next, from the tree's last leaf;
   * any other halts the tree (an operator may `retryNow` once the proofs file is repaired).
   */
  private fail(error: unknown, doing: string, run: FollowingRun | undefined): void {
    // A run stopped or ended already, or a start that `stop` overtook: nothing to end.
    if (run ? run.ended || run !== this.run : this.state !== 'following') return;
    if (!isTransientFailure(error)) return this.halt(problemOf(error, doing));
    if (this.state !== 'following') return;
    this.state = 'recovering';
    this.endRun();
    this.restarts.afterFailure(error);
  }

  /** Starts again from the last leaf, once the loop of the failed run has ended. */
  private async restartAfterFailure(): Promise<void> {
    if (this.state !== 'recovering') return;
    await this.run?.loop;
    if (this.state !== 'recovering') return;
    this.state = 'following';
    await this.follow();
  }

  private endRun(): void {
    if (!this.run) return;
    this.run.ended = true;
    this.run.subscription.close();
  }

  /**
   * Inside the write transaction. The size and heads are read again here: another process
   * (`ledger checkpoint` beside a running server) may have taken some of these events in.
   */
  private takeIn(batch: readonly RecordedEvent[]): ChainProblem | undefined {
    const size = this.tree.size();
    const lastPosition = this.tree.lastPosition();
    const heads = this.chains.forBatch();
    const verifier = new ChainVerifier({
      globalTimeOrder: this.options.globalTimeOrder ?? true,
      densePositions: this.options.densePositions ?? false,
      heads,
      disposals: this.disposals.lookup,
      resumeAfter: { position: lastPosition, recordedAt: this.chains.lastRecordedAt(), events: size },
    });
    const leaves: NewLeaf[] = [];
    let problem: ChainProblem | undefined;
    let lastTaken: RecordedEvent | undefined;
    for (const event of batch) {
      if (event.position <= lastPosition) continue;
      problem = verifier.check(event);
      if (problem) break;
      this.disposals.learn(event);
      leaves.push({ position: event.position, eventHash: Buffer.from(event.hash, 'hex') });
      lastTaken = event;
    }
    if (lastTaken) {
      this.tree.appendLeaves(leaves, size);
      heads.save(lastTaken.recordedAt);
    }
    return problem;
  }

  private halt(problem: ChainProblem): void {
    if (this.state === 'halted') return;
    this.state = 'halted';
    this.problem = problem;
    this.endRun();
    // Reported by onProblem below, not as a failure the follower recovers from.
    this.restarts.stoppedBy(Object.assign(new Error(problem.message), { code: problem.code }));
    this.waiters.abandon();
    this.options.onProblem?.(problem);
  }
}

interface FollowingRun {
  subscription: EventSubscription;
  feed: BatchFeed;
  loop: Promise<void> | undefined;
  /** Failed or halted: what it still holds is not taken in. */
  ended: boolean;
}

/** A failure of the feed or the proofs file that is not transient, as the halt it causes. */
function problemOf(error: unknown, doing: string): ChainProblem {
  if (error instanceof UnreadableEventError) return unreadableEventProblem(error);
  return {
    code: 'TREE.UNAVAILABLE',
    message: `${doing} failed: ${error instanceof Error ? error.message : String(error)}; the tree grows again once it is repaired and the follower retried, or the ledger restarted`,
  };
}
