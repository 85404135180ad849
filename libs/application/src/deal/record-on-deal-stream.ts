import { dealStreamName, decideDeal, type DealCommand, type DealEvent, type DealState, type EffectiveWindow, type KnownReferences } from '#domain';
import type { EventStore } from '#event-store';
import { tooManyConflicts } from '../application.errors.js';
import { handleCommand, type StreamCommand } from '../command-handling/handle-command.js';
import { ifMatchOf } from '../command-handling/if-match.js';
import { idempotencyOf, type CommandIdempotency } from '../command-handling/idempotency.js';
import { decisionContextOf, type CommandContext, type CommandSettings } from '../command-context.js';
import { resultOfAppend, resultOfEarlierRun, type DealCommandResult } from './deal-command-result.js';
import { knownReferencesOf, referencesIn } from './deal-references.js';
import { dealFold } from './load-deal.js';
import { toNewEvents } from './new-events.js';
import { NO_SEALING, nameSealingOf, type NameSealing } from '../records/personal-data/personal-data-sealer.js';

export interface RecordedDealCommand extends DealCommandResult {
  /** True when this command id had been recorded before and nothing was written now. */
  replayed: boolean;
}

/**
 * A deal command through the one command path. With `If-Match` a conflict is the
 * caller's to resolve (412); without it the command is decided again on the fresh
 * state, since the rules, not the revision, are what the writer cares about.
 */
export async function recordDealCommand(
  store: EventStore,
  command: DealCommand,
  context: CommandContext,
  { maxConflictRetries, effectiveWindow, personalData, foldedStreams }: CommandSettings,
): Promise<RecordedDealCommand> {
  const { dealId } = command;
  const references = await knownReferencesOf(command, referencesIn(store), context.receivedAt);
  const sealing = nameSealingOf(personalData, { dryRun: false });
  const { idempotency, ...onStream } = dealStreamCommand(command, context, effectiveWindow, references, sealing);
  const handled = await handleCommand(store, onStream, {
    idempotency,
    ...ifMatchOf(dealId, context),
    maxAttempts: maxConflictRetries,
    exhausted: (attempts) => tooManyConflicts(dealId, attempts),
    cache: foldedStreams,
  });
  if (handled.replayed) return { ...resultOfEarlierRun(dealId, handled.earlier), replayed: true };
  const eventIds = handled.written.map((e) => e.eventId);
  return { ...resultOfAppend(dealId, handled.appended, eventIds, handled.decided), replayed: false };
}

/**
 * A deal command on its stream, with the command id and fingerprint its idempotency rests
 * on. `references`: what the other streams it names hold (knownReferencesOf), read first.
 * The fingerprint is of the command as sent (without its names: idempotencyOf), so a retry
 * matches whatever the vault holds.
 */
export function dealStreamCommand(
  command: DealCommand,
  context: CommandContext,
  effectiveWindow: EffectiveWindow,
  references: KnownReferences | undefined,
  sealing: NameSealing = NO_SEALING,
): StreamCommand<DealState, DealEvent> & { idempotency: CommandIdempotency } {
  const idempotency = idempotencyOf(context.commandId, command);
  const decision = { ...decisionContextOf(context, effectiveWindow), ...(references !== undefined && { references }) };
  const streamId = dealStreamName(command.dealId);
  return {
    streamId,
    fold: dealFold,
    decide: (state) => sealing.afterDecision(decideDeal(sealing.beforeDecision(command), state, decision), streamId),
    encode: (events) => toNewEvents(events, context, command.type, idempotency.fingerprint),
    idempotency,
  };
}
