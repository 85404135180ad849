import type { Span } from '@opentelemetry/api';
import { BatchFeed, describeFailure, markFailed, type EventSubscription, type RecordedEvent, type SubscriptionInterruption } from '#event-store';
import { EventApplyFailure, isInfrastructureFailure } from './apply-failure.js';
import type { ProjectionSlot } from './projection-slot.js';
import { projectionBatchSpan } from './projection-span.js';
import type { RunnerContext } from './runner-context.js';

/** What the feed tells the runner. */
export interface LiveFeedHooks {
  /** A batch committed: readers may see further. */
  applied(): void;
  /** The read-model database failed (or the subscription did): nothing more is applied. */
  failed(error: unknown, event: RecordedEvent | undefined): void;
}

/**
 * Feeds the live slots from a subscription to the store's global log (never from the
 * Nest EventBus, which has no positions and drops events). Each batch's rows and every
 * live slot's checkpoint commit in one SQLite transaction, so a crash replays at most an
 * uncommitted batch and never applies an event twice. A batch a projection throws on is
 * redone event by event, quarantining the events that fail.
 */
export class LiveFeed {
  /** The last position handed to the live slots (applied or not theirs): a shadow swaps in only past it. */
  position = 0;
  private subscription: EventSubscription | undefined;
  private loop: Promise<void> | undefined;
  private feed: BatchFeed;

  constructor(
    private readonly context: RunnerContext,
    private readonly hooks: LiveFeedHooks,
  ) {
    this.feed = this.newBatchFeed();
  }

  /** Subscribes after `from` and runs: the runner is running from here on. */
  start(from: number): void {
    // A fresh batch: what a faulted run had read but not applied comes again from `from`.
    this.feed = this.newBatchFeed();
    this.position = from;
    this.subscription = this.context.store.subscribe({ from });
    this.context.state = 'running';
    this.loop = this.consume(this.subscription);
  }

  /** Set while the subscription reconnects on its own: nothing is received meanwhile. */
  get interruption(): SubscriptionInterruption | undefined {
    return this.subscription?.interruption;
  }

  /** Ends the subscription; what it already read is applied by `stop`. */
  close(): void {
    this.subscription?.close();
  }

  async stop(): Promise<void> {
    this.close();
    await this.loop;
    this.feed.flush();
  }

  private newBatchFeed(): BatchFeed {
    return new BatchFeed({
      batchSize: this.context.batchSize,
      onBatch: (batch) => this.applyBatch(batch),
      stopped: () => this.context.state === 'faulted',
    });
  }

  private async consume(subscription: EventSubscription): Promise<void> {
    try {
      await this.feed.consume(subscription);
    } catch (error) {
      this.hooks.failed(error, undefined);
    }
  }

  private applyBatch(batch: RecordedEvent[]): void {
    const last = batch[batch.length - 1]!.position;
    const slots = [...this.context.live.values()].filter((slot) => !slot.frozen && last > slot.position);
    this.applyTo(slots, batch, last, projectionBatchSpan(batch, slots));
  }

  /** `span` (tracing on) is ended before the runner hears of the outcome. */
  private applyTo(slots: ProjectionSlot[], batch: RecordedEvent[], last: number, span: Span | undefined): void {
    try {
      this.commit(slots, batch, last, false);
    } catch (error) {
      if (!(error instanceof EventApplyFailure)) {
        this.failed(span, error, undefined);
        return;
      }
      if (isInfrastructureFailure(error)) {
        this.failed(span, error.cause, error.event);
        return;
      }
      span?.setAttribute('ledger.projection.redone_event_by_event', true);
      try {
        this.commit(slots, batch, last, true);
      } catch (again) {
        this.failed(span, again, undefined);
        return;
      }
    }
    const at = Date.now();
    for (const slot of slots) {
      slot.position = last;
      this.context.liveRates.get(slot.name)?.record(last, at);
    }
    this.position = Math.max(this.position, last);
    // Ended before readers are told: a command answered once its read models show it finds its projection span done.
    span?.end();
    this.hooks.applied();
  }

  private failed(span: Span | undefined, error: unknown, event: RecordedEvent | undefined): void {
    if (span) {
      markFailed(span, error);
      span.end();
    }
    this.hooks.failed(error, event);
  }

  /** One transaction: the batch's rows in every live slot and their checkpoints. */
  private commit(slots: ProjectionSlot[], batch: RecordedEvent[], last: number, careful: boolean): void {
    const { db, quarantine, positions } = this.context;
    const at = this.context.now();
    const failed: { slot: ProjectionSlot; event: RecordedEvent; error: unknown }[] = [];
    db.transaction(() => {
      for (const slot of slots) {
        if (!careful) {
          slot.applyAll(batch);
          continue;
        }
        slot.applyEach(batch, (event, error) => {
          quarantine.add(slot.name, slot.generation, event, describeFailure(error), at);
          failed.push({ slot, event, error });
        });
      }
      for (const slot of slots) positions.save(slot.name, slot.version, last, slot.generation, at);
    })();
    for (const { slot, event, error } of failed) this.context.noteQuarantine(slot.name, slot.generation, event, error);
  }
}
