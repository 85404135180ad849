import { v7 as uuidv7 } from 'uuid';
import type { AppendResult, EventStore } from '#event-store';
import { handleCommand, type StreamFold } from '../command-handling/handle-command.js';
import type { AdminArea, AdminEvent } from './admin-events.js';
import { adminStreamName } from './admin-events.js';

/** Attempts when another admin action is appended between our read and our write. */
const MAX_ATTEMPTS = 10;

/** Admin events record what was done; they decide nothing, so no state is folded and only the revision is read. */
const recordsOnly: StreamFold<null, AdminEvent> = {
  initialState: null,
  decode: () => undefined,
  evolve: (state) => state,
  revisionOnly: true,
};

/**
 * Appends one admin event at the stream's current revision, like any command: an admin
 * action in another process (or request) in between makes the append fail, and it is
 * retried on the new revision, since appending after another one is always right.
 */
export async function recordAdminEvent(
  store: EventStore,
  area: AdminArea,
  event: AdminEvent,
  actor: string,
): Promise<AppendResult> {
  const actionId = uuidv7();
  const written = {
    eventId: actionId,
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: { actor, commandId: actionId, correlationId: actionId, causationId: actionId },
  };
  const { appended } = await handleCommand(
    store,
    { streamId: adminStreamName(area), fold: recordsOnly, decide: () => [event], encode: () => [written] },
    { maxAttempts: MAX_ATTEMPTS },
  );
  return appended;
}
