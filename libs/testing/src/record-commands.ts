import { randomUUID } from 'node:crypto';
import { recordDealCommand, recordPartyCommand, type RecordedDealCommand } from '#application';
import { DEFAULT_EFFECTIVE_WINDOW, type DealCommand, type PartyCommand } from '#domain';
import type { EventStore } from '#event-store';
import { TEST_NOW } from '../../domain/src/deal/testing/decision-context.js';

/**
 * Records commands one by one through the real application path, received at TEST_NOW:
 * after every date the fixtures and the arbitraries use, so no time guard refuses them.
 */
export async function recordCommands(
  store: EventStore,
  commands: readonly DealCommand[],
  actor = 'analyst-1',
): Promise<RecordedDealCommand[]> {
  const results: RecordedDealCommand[] = [];
  for (const command of commands) results.push(await recordDealCommand(store, command, contextOf(actor), SETTINGS));
  return results;
}

/** The same for party commands. */
export async function recordPartyCommands(store: EventStore, commands: readonly PartyCommand[], actor = 'analyst-1'): Promise<void> {
  for (const command of commands) await recordPartyCommand(store, command, contextOf(actor), SETTINGS);
}

const SETTINGS = { maxConflictRetries: 5, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW };

function contextOf(actor: string) {
  const commandId = randomUUID();
  return { actor, commandId, correlationId: commandId, causationId: commandId, receivedAt: TEST_NOW };
}
