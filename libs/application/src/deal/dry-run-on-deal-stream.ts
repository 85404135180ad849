import type { DealCommand, EffectiveWindow } from '#domain';
import type { EventMetadata, EventStore, JsonObject } from '#event-store';
import { handleCommand } from '../command-handling/handle-command.js';
import type { CommandContext } from '../command-context.js';
import { figureIdsOf, resultOfEarlierRun } from './deal-command-result.js';
import { dealStreamCommand, ifMatchOf } from './record-on-deal-stream.js';

/** An event a dry run would append, as the store would be handed it. */
export interface EventToWrite {
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

/** What a dry run answers: the events a real call would write now, and nothing written. */
export interface DealCommandDryRun {
  dealId: string;
  /**
   * The deal's revision the command was decided on (null: the deal has no events yet); sent as
   * `If-Match` with the real call, it records exactly this or nothing. A replay: its first run's.
   */
  revision: number | null;
  /** Empty for a replay: a real retry writes nothing either. */
  wouldWrite: EventToWrite[];
  eventTypes: string[];
  figureIds: string[];
  /** True when this command id was recorded before: the answer is that run's. */
  replayed: boolean;
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
): Promise<DealCommandDryRun> {
  const { dealId } = command;
  const { idempotency, ...onStream } = dealStreamCommand(command, context, effectiveWindow);
  const handled = await handleCommand(store, onStream, { idempotency, ...ifMatchOf(dealId, context), dryRun: true });
  if (handled.replayed) {
    const { revision, eventTypes, figureIds } = resultOfEarlierRun(dealId, handled.earlier);
    return { dealId, revision, wouldWrite: [], eventTypes, figureIds, replayed: true };
  }
  const { loaded, decided, written } = handled;
  return {
    dealId,
    revision: loaded.revision === 'no_stream' ? null : loaded.revision,
    wouldWrite: written.map(({ type, data, metadata }) => ({ type, data, metadata })),
    eventTypes: written.map((e) => e.type),
    figureIds: decided.flatMap(figureIdsOf),
    replayed: false,
  };
}
