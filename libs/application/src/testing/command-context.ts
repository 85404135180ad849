import type { CommandContext } from '../command-context.js';

/** Test-only: a command sent under `commandId` by one analyst, its ids the command id, received at `receivedAt`. */
export const analystContext = (commandId: string, receivedAt: string, more: Partial<CommandContext> = {}): CommandContext => ({
  actor: 'analyst-1',
  commandId,
  correlationId: commandId,
  causationId: commandId,
  receivedAt,
  ...more,
});
