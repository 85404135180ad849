import { randomUUID } from 'node:crypto';
import { recordDealCommand, type RecordedDealCommand } from '#application';
import { DEFAULT_EFFECTIVE_WINDOW, type DealCommand } from '#domain';
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
  for (const command of commands) {
    const commandId = randomUUID();
    const context = { actor, commandId, correlationId: commandId, causationId: commandId, receivedAt: TEST_NOW };
    results.push(await recordDealCommand(store, command, context, { maxConflictRetries: 5, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW }));
  }
  return results;
}
