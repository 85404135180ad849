import { Inject, Injectable, Logger } from '@nestjs/common';
import { APPLICATION_OPTIONS, EVENT_STORE, READ_MODEL_PROGRESS, type ApplicationOptions } from '#application';
import type { EventStore } from '#event-store';
import type { ReadModelProgress } from '#projections';
import { toCursor } from '#contract';
import { dealIdFromStreamName } from '#domain';
import type { StaleAnswer } from './stale-answer.js';

/**
 * Whether the read models show the whole log before an answer is read from them. Behind,
 * they are given a short while (`staleReadWaitMs`) to catch up, so that an answer right
 * after a write elsewhere is not needlessly stale; a faulted runner is not waited for
 * (`waitFor` answers false at once). Still behind, the answer is served as it is, saying so.
 */
@Injectable()
export class ReadModelFreshness {
  private readonly logger = new Logger('Staleness');

  constructor(
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APPLICATION_OPTIONS) private readonly options: ApplicationOptions,
  ) {}

  /**
   * Undefined when the read models reached the head and hold back none of the answer's deals
   * (`dealId`'s, or any); else how far behind they are now and which deals wait behind a
   * quarantined event. When the head cannot be read (the store unreachable), the read models
   * still answer, and the answer says that how far behind they are is not known.
   */
  async beforeReading(dealId?: string): Promise<StaleAnswer | undefined> {
    const behind = await this.behindTheLog();
    const heldBack = this.dealsHeldBack(dealId);
    if (behind === undefined && heldBack.length === 0) return undefined;
    return {
      ...(behind ?? { behind: 0, readModelPosition: toCursor(this.readModels.position), head: toCursor(this.readModels.position) }),
      state: this.readModels.state,
      ...(heldBack.length > 0 ? { heldBack } : {}),
    };
  }

  /**
   * For an answer fixed at a moment of the record (the read models reached it first): stale
   * only when deals of the answer wait behind a quarantined event, which may lie before it.
   */
  heldBackOnly(dealId?: string): StaleAnswer | undefined {
    const heldBack = this.dealsHeldBack(dealId);
    if (heldBack.length === 0) return undefined;
    return { behind: 0, readModelPosition: toCursor(this.readModels.position), state: this.readModels.state, heldBack };
  }

  private async behindTheLog(): Promise<Omit<StaleAnswer, 'state'> | undefined> {
    const head = await this.store.headPosition().catch((error: unknown) => {
      this.logger.warn(`The log's head could not be read; answering from the read models, marked stale: ${String(error)}`);
      return undefined;
    });
    if (head === undefined) return { readModelPosition: toCursor(this.readModels.position) };
    if (this.readModels.position >= head) return undefined;
    if (await this.readModels.waitFor(head, this.options.staleReadWaitMs)) return undefined;
    // Read once the wait is over: the rows about to be read show at least this much of the log.
    const reached = this.readModels.position;
    if (reached >= head) return undefined;
    return { behind: head - reached, readModelPosition: toCursor(reached), head: toCursor(head) };
  }

  private dealsHeldBack(dealId: string | undefined): string[] {
    const streams = this.readModels.heldBack();
    if (streams.size === 0) return [];
    const deals = [...streams].flatMap((stream) => dealIdFromStreamName(stream) ?? []);
    if (dealId !== undefined) return deals.includes(dealId) ? [dealId] : [];
    return deals.sort();
  }
}
