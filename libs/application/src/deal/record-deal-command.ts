import { dealStreamName, decideDeal, type DealCommand } from '#domain';
import { DuplicateEventIdError, WrongExpectedRevisionError, type AppendResult, type EventStore } from '#event-store';
import { idempotencyKeyReused, staleRevision, tooManyConflicts } from '../application.errors.js';
import type { CommandContext } from '../command-context.js';
import { resultOfAppend, resultOfEarlierRun, type DealCommandResult } from './deal-command-result.js';
import { eventsOfEarlierRun, fingerprintOf } from './idempotency.js';
import { loadDeal } from './load-deal.js';
import { toNewEvents } from './new-events.js';

export interface RecordedDealCommand extends DealCommandResult {
  /** True when this command id had been recorded before and nothing was written now. */
  replayed: boolean;
}

/**
 * Load → decide → append with the expected revision. With `If-Match` a conflict is the
 * caller's to resolve (412); without it the command is decided again on the fresh
 * state, since the rules, not the revision, are what the writer cares about.
 */
export async function recordDealCommand(
  store: EventStore,
  command: DealCommand,
  context: CommandContext,
  maxConflictRetries: number,
): Promise<RecordedDealCommand> {
  const streamId = dealStreamName(command.dealId);
  const fingerprint = fingerprintOf(command);
  let sawDuplicateEventId = false;

  for (let attempt = 1; ; attempt++) {
    const deal = await loadDeal(store, streamId);
    const earlier = eventsOfEarlierRun(deal.events, context.commandId, fingerprint);
    if (earlier) return { ...resultOfEarlierRun(command.dealId, earlier), replayed: true };
    // The event ids are stored, but not in this stream: the id was used on another deal.
    if (sawDuplicateEventId) throw idempotencyKeyReused(context.commandId);

    const { expectedRevision } = context;
    if (expectedRevision !== undefined && expectedRevision !== deal.revision) {
      throw staleRevision(command.dealId, expectedRevision, deal.revision);
    }
    const decided = decideDeal(command, deal.state);
    const events = toNewEvents(decided, context, command.type, fingerprint);

    let appended: AppendResult;
    try {
      appended = await store.append(streamId, events, expectedRevision ?? deal.revision);
    } catch (error) {
      if (error instanceof DuplicateEventIdError) {
        sawDuplicateEventId = true;
        continue;
      }
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxConflictRetries) throw tooManyConflicts(command.dealId, attempt);
      continue; // Reload: an If-Match caller gets 412 above; others are decided again.
    }
    const eventIds = events.map((e) => e.eventId);
    return { ...resultOfAppend(command.dealId, appended, eventIds, decided), replayed: false };
  }
}
