import type { DealCommand, EffectiveWindow } from '#domain';
import type { EventStore } from '#event-store';
import type { CommandDryRun } from '../command-handling/dry-run.js';
import { wouldWriteOf } from '../command-handling/dry-run.js';
import { handleCommand } from '../command-handling/handle-command.js';
import type { CommandContext } from '../command-context.js';
import { figureIdsOf, resultOfEarlierRun } from './deal-command-result.js';
import { ifMatchOf } from '../command-handling/if-match.js';
import { knownReferencesOf, referencesIn } from './deal-references.js';
import { dealStreamCommand } from './record-on-deal-stream.js';
import { nameSealingOf, type PersonalDataSealer } from '../records/personal-data/personal-data-sealer.js';

/** What a dry run of a deal command answers: the deal, the events a real call would write, the figures they name. */
export interface DealCommandDryRun extends CommandDryRun {
  dealId: string;
  figureIds: string[];
}

/**
 * A deal command decided on the command path, with the checks of a real call (the
 * idempotency rule, If-Match, the rules of the decider), and not appended. A command id
 * already used answers as its replay would; since nothing is written, the id stays free.
 */
export async function dryRunDealCommand(
  store: EventStore,
  command: DealCommand,
  context: CommandContext,
  effectiveWindow: EffectiveWindow,
  personalData?: PersonalDataSealer,
): Promise<DealCommandDryRun> {
  const { dealId } = command;
  const references = await knownReferencesOf(command, referencesIn(store), context.receivedAt);
  const sealing = nameSealingOf(personalData, { dryRun: true });
  const { idempotency, ...onStream } = dealStreamCommand(command, context, effectiveWindow, references, sealing);
  const handled = await handleCommand(store, onStream, { idempotency, ...ifMatchOf(dealId, context), dryRun: true });
  if (handled.replayed) {
    const { revision, eventTypes, figureIds } = resultOfEarlierRun(dealId, handled.earlier);
    return { dealId, revision, wouldWrite: [], eventTypes, figureIds, replayed: true };
  }
  return { dealId, ...wouldWriteOf(handled), figureIds: handled.decided.flatMap(figureIdsOf), replayed: false };
}
