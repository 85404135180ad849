import { randomUUID } from 'node:crypto';
import { recordDealCommand, type RecordedDealCommand } from '#application';
import type { DealCommand } from '#domain';
import type { EventStore } from '#event-store';

/** Records commands one by one through the real application path. */
export async function recordCommands(
  store: EventStore,
  commands: readonly DealCommand[],
  actor = 'analyst-1',
): Promise<RecordedDealCommand[]> {
  const results: RecordedDealCommand[] = [];
  for (const command of commands) {
    const commandId = randomUUID();
    results.push(
      await recordDealCommand(store, command, { actor, commandId, correlationId: commandId, causationId: commandId }, 5),
    );
  }
  return results;
}
