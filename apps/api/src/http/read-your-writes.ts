import { Inject, Injectable } from '@nestjs/common';
import { APPLICATION_OPTIONS, ApplicationError, EVENT_STORE, READ_MODEL_PROGRESS, type ApplicationOptions } from '#application';
import { invalid } from '#domain';
import type { EventStore } from '#event-store';
import type { ReadModelProgress } from '#projections';
import { fromCursor, toCursor } from '#contract';

/** The header a read may carry instead of `?minPosition=`. */
export const MIN_POSITION_HEADER = 'min-position';

/**
 * Read-your-writes across replicas. Each replica feeds its own read models from the log, so
 * a write made through one is readable on another only once that one has caught up. A
 * write answers with its position; a read that sends it back as `minPosition` (or the
 * Min-Position header) is answered only once this replica's read models have applied the
 * log up to it, waiting for them as long as a command waits for its own write.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APPLICATION_OPTIONS) private readonly options: ApplicationOptions,
  ) {}

  async reach(cursor: string | undefined, field: string): Promise<void> {
    if (cursor === undefined) return;
    const position = fromCursor(cursor, field);
    if (await this.readModels.waitFor(position, this.options.readModelWaitMs)) return;
    // Asked only when waiting failed: a position beyond the log is a cursor nobody was given.
    if (position > (await this.store.headPosition())) {
      throw invalid('REQUEST.INVALID_CURSOR', `${field} is beyond the end of the log: not a position this ledger issued`, field);
    }
    throw new ApplicationError(
      'READ_MODEL.BEHIND',
      `The read models of this replica have not reached position ${cursor} yet: try again shortly`,
      'unavailable',
      { minPosition: cursor, readModelPosition: toCursor(this.readModels.position), state: this.readModels.state },
    );
  }
}
