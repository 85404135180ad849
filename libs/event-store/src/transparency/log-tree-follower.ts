import type { Database } from 'better-sqlite3';
import { leafHash } from '#verifier';
import { unreadableEventProblem, type ChainProblem } from '../chain/chain-problem.js';
import { ChainVerifier, type StreamHead } from '../chain/chain-verifier.js';
import { BatchFeed } from '../batch-feed.js';
import { PositionWaiters } from '../position-waiters.js';
import { UnreadableEventError } from '../event-store.errors.js';
import type { EventStore, EventSubscription, RecordedEvent } from '../event-store.port.js';
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
}

export type LogTreeFollowerState = 'stopped' | 'following' | 'halted';

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
 */
export class LogTreeFollower {
  readonly tree: LogTree;
  private subscription: EventSubscription | undefined;
  private loop: Promise<void> | undefined;
  private readonly feed: BatchFeed;
  private state: LogTreeFollowerState = 'stopped';
  private problem: ChainProblem | undefined;
  private readonly waiters = new PositionWaiters();
  private readonly chains: TreeChains;

  constructor(
    private readonly store: EventStore,
    db: Database,
    private readonly options: LogTreeFollowerOptions = {},
  ) {
    this.tree = new LogTree(db);
    this.chains = new TreeChains(db);
    this.feed = new BatchFeed({
      batchSize: options.batchSize ?? 1000,
      onBatch: (batch) => this.takeInBatch(batch),
      stopped: () => this.state === 'halted',
    });
  }

  status(): LogTreeStatus {
    return {
      state: this.state,
      size: this.tree.size(),
      lastPosition: this.tree.lastPosition(),
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }

  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.state = 'following';
    const problem = await this.logStillHoldsTree();
    if (problem) return this.halt(problem);
    this.subscription = this.store.subscribe({ from: this.tree.lastPosition() });
    this.loop = this.consume(this.subscription);
  }

  async stop(): Promise<void> {
    this.subscription?.close();
    await this.loop;
    this.feed.flush();
    if (this.state === 'following') this.state = 'stopped';
    this.waiters.abandon();
  }

  /**
   * Resolves true once the tree holds every event up to `position`; false on timeout or a
   * halt (a halted tree's leaves may stand for events the log no longer has).
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

  private async consume(subscription: EventSubscription): Promise<void> {
    try {
      await this.feed.consume(subscription);
    } catch (error) {
      this.halt(problemOf(error, 'Following the log'));
    }
  }

  /** Never throws: it runs in a turn of its own, where an error would end the process. */
  private takeInBatch(batch: RecordedEvent[]): void {
    let problem: ChainProblem | undefined;
    try {
      problem = this.tree.write(() => this.takeIn(batch));
    } catch (error) {
      problem = problemOf(error, 'Writing the log tree');
    }
    if (problem) return this.halt(problem);
    this.waiters.reached(this.tree.lastPosition());
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
      resumeAfter: { position: lastPosition, recordedAt: this.chains.lastRecordedAt(), events: size },
    });
    const leaves: NewLeaf[] = [];
    let problem: ChainProblem | undefined;
    let lastTaken: RecordedEvent | undefined;
    for (const event of batch) {
      if (event.position <= lastPosition) continue;
      problem = verifier.check(event);
      if (problem) break;
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
    this.subscription?.close();
    this.waiters.abandon();
    this.options.onProblem?.(problem);
  }
}

/** Any failure of the feed or the proofs file, as the halt it causes. */
function problemOf(error: unknown, doing: string): ChainProblem {
  if (error instanceof UnreadableEventError) return unreadableEventProblem(error);
  return {
    code: 'TREE.UNAVAILABLE',
    message: `${doing} failed: ${error instanceof Error ? error.message : String(error)}; the tree grows again once the ledger is restarted`,
  };
}
