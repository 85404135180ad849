import { decideParty, partyStreamName, referencesOf, type PartyCommand } from '#domain';
import type { EventStore } from '#event-store';
import { staleRevision, tooManyConflicts } from '../application.errors.js';
import { handleCommand, loadStream } from '../command-handling/handle-command.js';
import { fingerprintOf } from '../command-handling/idempotency.js';
import { decisionContextOf, type CommandContext } from '../command-context.js';
import type { DealCommandSettings } from '../deal/record-on-deal-stream.js';
import { toNewEvents } from '../deal/new-events.js';
import { partyResultOfAppend, partyResultOfEarlierRun, type RecordedPartyCommand } from './party-command-result.js';
import { partyExistenceFold, partyFold } from './party-fold.js';

/**
 * A party command through the one command path (load → decide → append at the revision
 * read, or at `If-Match`), with idempotency by command id as for deals. The parties it
 * references are looked up first (one event each) and handed to the pure decision.
 */
export async function recordPartyCommand(
  store: EventStore,
  command: PartyCommand,
  context: CommandContext,
  { maxConflictRetries, effectiveWindow }: DealCommandSettings,
): Promise<RecordedPartyCommand> {
  const { partyId } = command;
  const { expectedRevision: revision } = context;
  const known = await registeredAmong(store, referencesOf(command));
  const fingerprint = fingerprintOf(command);
  const handled = await handleCommand(
    store,
    {
      streamId: partyStreamName(partyId),
      fold: partyFold,
      decide: (state) => decideParty(command, state, decisionContextOf(context, effectiveWindow), known),
      encode: (events) => toNewEvents(events, context, command.type, fingerprint),
    },
    {
      idempotency: { commandId: context.commandId, fingerprint },
      ...(revision !== undefined && { expectedRevision: { revision, stale: (actual) => staleRevision(partyId, revision, actual, 'Party') } }),
      maxAttempts: maxConflictRetries,
      exhausted: (attempts) => tooManyConflicts(partyId, attempts, 'Party'),
    },
  );
  if (handled.replayed) return { ...partyResultOfEarlierRun(partyId, handled.earlier), replayed: true };
  return { ...partyResultOfAppend(partyId, handled.appended, handled.written), replayed: false };
}

async function registeredAmong(store: EventStore, partyIds: readonly string[]): Promise<ReadonlySet<string>> {
  const found = await Promise.all(
    partyIds.map(async (id) => ((await loadStream(store, partyStreamName(id), partyExistenceFold)).revision === 'no_stream' ? [] : [id])),
  );
  return new Set(found.flat());
}
