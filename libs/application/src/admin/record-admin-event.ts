import { v7 as uuidv7 } from 'uuid';
import { WrongExpectedRevisionError, type AppendResult, type EventStore } from '#event-store';
import type { AdminArea, ProjectionAdminEvent } from './admin-events.js';
import { adminStreamName } from './admin-events.js';

/** Attempts when another admin action is appended between our read and our write. */
const MAX_ATTEMPTS = 10;

/**
 * Appends one admin event at the stream's current revision, like any command: an admin
 * action in another process (or request) in between makes the append fail, and it is
 * retried on the new revision. Admin events record what was done; they decide nothing,
 * so appending after another one is always right.
 */
export async function recordAdminEvent(
  store: EventStore,
  area: AdminArea,
  event: ProjectionAdminEvent,
  actor: string,
): Promise<AppendResult> {
  const streamId = adminStreamName(area);
  const actionId = uuidv7();
  const newEvent = {
    eventId: actionId,
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: { actor, commandId: actionId, correlationId: actionId, causationId: actionId },
  };
  for (let attempt = 1; ; attempt++) {
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    try {
      return await store.append(streamId, [newEvent], last ? last.revision : 'no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
