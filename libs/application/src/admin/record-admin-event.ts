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
  return decideAdminEvent(store, area, recordsOnly, () => event, actor);
}

/**
 * Appends the admin event `decide` makes of the stream's state, at the revision that state
 * was folded from: an admin action that depends on earlier ones (releasing a hold needs it
 * in force) is decided again if another one was appended in between. `decide` throws to refuse.
 */
export async function decideAdminEvent<State, Event>(
  store: EventStore,
  area: AdminArea,
  fold: StreamFold<State, Event>,
  decide: (state: State) => AdminEvent,
  actor: string,
): Promise<AppendResult> {
  const actionId = uuidv7();
  const toWrite = (event: AdminEvent) => ({
    eventId: actionId,
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: { actor, commandId: actionId, correlationId: actionId, causationId: actionId },
  });
  const { appended } = await handleCommand<State, Event | AdminEvent>(
    store,
    // Only decided events are encoded: the fold's own events are never written back.
    { streamId: adminStreamName(area), fold, decide: (state) => [decide(state)], encode: (events) => events.map((e) => toWrite(e as AdminEvent)) },
    { maxAttempts: MAX_ATTEMPTS },
  );
  return appended;
}
