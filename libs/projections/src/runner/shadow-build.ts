import type { Database } from 'better-sqlite3';
import { describeFailure, type EventStore, type RecordedEvent } from '#event-store';
import type { QuarantineTable } from '../bookkeeping/quarantine-table.js';
import type { RebuildRecord, RebuildTable } from '../bookkeeping/rebuild-table.js';
import type { ErrorStatus } from '../projection-status.js';
import { EventApplyFailure, isInfrastructureFailure } from './apply-failure.js';
import type { ProjectionSlot } from './projection-slot.js';
import { RateMeter } from './rate-meter.js';

/** What a shadow build needs from the runner that owns it. */
export interface ShadowHost {
  readonly store: EventStore;
  readonly db: Database;
  readonly batchSize: number;
  readonly idleMs: number;
  readonly rebuilds: RebuildTable;
  readonly quarantine: QuarantineTable;
  now(): Date;
  /** Synchronous: swaps the shadow in if it may be, and says whether it did. */
  trySwap(build: ShadowBuild): boolean;
  quarantined(build: ShadowBuild, event: RecordedEvent, error: unknown): void;
  faulted(build: ShadowBuild, error: unknown): void;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Builds a new generation beside the live one: reads the log in pages from its own
 * checkpoint, applies each page in one transaction with that checkpoint, and gives the
 * event loop back between pages so readers are served while it runs. Once it has
 * reached the head, the runner swaps it in.
 */
export class ShadowBuild {
  readonly rate = new RateMeter();
  state: 'building' | 'stalled' | 'faulted' | 'stopped' | 'swapped' = 'building';
  lastError: ErrorStatus | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly host: ShadowHost,
    readonly slot: ProjectionSlot,
    readonly record: RebuildRecord,
  ) {}

  get name(): string {
    return this.slot.name;
  }

  start(): void {
    this.rate.record(this.slot.position);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.state === 'building' || this.state === 'stalled') this.state = 'stopped';
    this.wake?.();
    await this.loop;
  }

  /** Looks again at once (after a quarantine was resolved) instead of at the next idle tick. */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped) {
        const batch = await this.readPage();
        if (this.stopped) return;
        if (batch.length > 0) this.apply(batch);
        if (batch.length < this.host.batchSize) {
          // At the head when the page was read: swap now, or wait for an admin or new events.
          if (this.host.trySwap(this)) return;
          this.state = this.slot.quarantined.size > 0 ? 'stalled' : 'building';
          await this.idle();
        } else {
          await yieldToEventLoop();
        }
      }
    } catch (error) {
      if (this.stopped) return;
      this.state = 'faulted';
      this.lastError = { message: describeFailure(error), at: this.host.now().toISOString() };
      this.host.faulted(this, error);
    }
  }

  private async readPage(): Promise<RecordedEvent[]> {
    const page: RecordedEvent[] = [];
    for await (const event of this.host.store.readAll({ after: this.slot.position, maxCount: this.host.batchSize })) {
      page.push(event);
    }
    return page;
  }

  private apply(batch: RecordedEvent[]): void {
    const { db, rebuilds, quarantine } = this.host;
    const last = batch[batch.length - 1]!.position;
    const failed: { event: RecordedEvent; error: unknown }[] = [];
    const commit = (careful: boolean) =>
      db.transaction(() => {
        if (careful) {
          this.slot.applyEach(batch, (event, error) => {
            quarantine.add(this.name, this.slot.generation, event, describeFailure(error), this.host.now());
            failed.push({ event, error });
          });
        } else {
          this.slot.applyAll(batch);
        }
        rebuilds.savePosition(this.name, last, this.host.now());
      })();
    try {
      commit(false);
    } catch (error) {
      if (!(error instanceof EventApplyFailure) || isInfrastructureFailure(error)) throw error;
      commit(true);
    }
    this.slot.position = last;
    this.rate.record(last);
    for (const { event, error } of failed) this.host.quarantined(this, event, error);
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.host.idleMs);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
}
