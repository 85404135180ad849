import { decideParty, partyStreamName, referencesOf, type PartyCommand, type PartyEvent, type PartyState } from '#domain';
import type { EventStore } from '#event-store';
import { tooManyConflicts } from '../application.errors.js';
import { ifMatchOf } from '../command-handling/if-match.js';
import { handleCommand, streamExists, type StreamCommand } from '../command-handling/handle-command.js';
import { idempotencyOf } from '../command-handling/idempotency.js';
import { decisionContextOf, type CommandContext, type CommandSettings } from '../command-context.js';
import { wouldWriteOf, type CommandDryRun } from '../command-handling/dry-run.js';
import { toNewEvents } from '../deal/new-events.js';
import { nameSealingOf } from '../records/personal-data/personal-data-sealer.js';
import { partyResultOfAppend, partyResultOfEarlierRun, type RecordedPartyCommand } from './party-command-result.js';
import { partyFold } from './party-fold.js';

/** What a dry run of a party command answers: the party, and the events a real call would write. */
export interface PartyCommandDryRun extends CommandDryRun {
  partyId: string;
}

/**
 * A party command through the one command path (load → decide → append at the revision
 * read, or at `If-Match`), with idempotency by command id as for deals. The parties it
 * references are looked up first (one event each) and handed to the pure decision.
 */
export async function recordPartyCommand(
  store: EventStore,
  command: PartyCommand,
  context: CommandContext,
  settings: CommandSettings,
): Promise<RecordedPartyCommand> {
  const { partyId } = command;
  const { onStream, options } = await partyStreamCommand(store, command, context, settings, { dryRun: false });
  const handled = await handleCommand(store, onStream, options);
  if (handled.replayed) return { ...partyResultOfEarlierRun(partyId, handled.earlier), replayed: true };
  return { ...partyResultOfAppend(partyId, handled.appended, handled.written), replayed: false };
}

/** The same command decided with every check of a real call, and not appended (`?dryRun=true`). */
export async function dryRunPartyCommand(
  store: EventStore,
  command: PartyCommand,
  context: CommandContext,
  settings: CommandSettings,
): Promise<PartyCommandDryRun> {
  const { partyId } = command;
  const { onStream, options } = await partyStreamCommand(store, command, context, settings, { dryRun: true });
  const handled = await handleCommand(store, onStream, { ...options, dryRun: true });
  if (handled.replayed) {
    const { revision, eventTypes } = partyResultOfEarlierRun(partyId, handled.earlier);
    return { partyId, revision, wouldWrite: [], eventTypes, replayed: true };
  }
  return { partyId, ...wouldWriteOf(handled), replayed: false };
}

/** A party command on its stream, with the options its idempotency and If-Match rest on. */
async function partyStreamCommand(
  store: EventStore,
  command: PartyCommand,
  context: CommandContext,
  settings: CommandSettings,
  run: { dryRun: boolean },
) {
  const { partyId } = command;
  const known = await registeredAmong(store, referencesOf(command));
  const idempotency = idempotencyOf(context.commandId, command);
  const streamId = partyStreamName(partyId);
  const sealing = nameSealingOf(settings.personalData, run);
  const onStream: StreamCommand<PartyState, PartyEvent> = {
    streamId,
    fold: partyFold,
    decide: (state) => sealing.afterDecision(decideParty(sealing.beforeDecision(command), state, decisionContextOf(context, settings.effectiveWindow), known), streamId),
    encode: (events) => toNewEvents(events, context, command.type, idempotency.fingerprint),
  };
  const options = {
    idempotency,
    ...ifMatchOf(partyId, context, 'Party'),
    maxAttempts: settings.maxConflictRetries,
    exhausted: (attempts: number) => tooManyConflicts(partyId, attempts, 'Party'),
  };
  return { onStream, options };
}

async function registeredAmong(store: EventStore, partyIds: readonly string[]): Promise<ReadonlySet<string>> {
  const found = await Promise.all(
    partyIds.map(async (id) => ((await streamExists(store, partyStreamName(id))) ? [id] : [])),
  );
  return new Set(found.flat());
}
