import { toStoredEvent } from '#domain';
import type { NewEvent } from '#event-store';
import type { CommandContext } from '../command-context.js';
import { eventIdFor } from '../ids.js';

/** Decided events (of a deal or a party) → what the store writes, with the metadata of the command that caused them. */
export function toNewEvents(
  events: readonly { type: string; data: object }[],
  context: CommandContext,
  commandType: string,
  fingerprint: string,
): NewEvent[] {
  return events.map((event, index) => ({
    eventId: eventIdFor(context.commandId, index),
    ...toStoredEvent(event),
    metadata: {
      actor: context.actor,
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.causationId,
      commandType,
      commandFingerprint: fingerprint,
      // In the metadata, which the log hashes: why a time outside the window was let through.
      ...(context.plausibilityOverride !== undefined && { plausibilityOverride: { reason: context.plausibilityOverride.reason } }),
    },
  }));
}
