import { v7 as uuidv7 } from 'uuid';
import type { RecordsEvent } from '#domain';
import type { AppendResult, EventStore } from '#event-store';
import { handleCommand, type StreamFold } from '../command-handling/handle-command.js';
import type { AdminArea, AdminEvent } from './admin-events.js';
import { adminStreamName } from './admin-events.js';

/** Attempts when another admin action is appended between our read and our write. */
const MAX_ATTEMPTS = 10;

/** Recorded actions decide nothing, so no state is folded and only the revision is read. */
const recordsOnly: StreamFold<null, RecordedAction> = {
  initialState: null,
  decode: () => undefined,
  evolve: (state) => state,
  revisionOnly: true,
};

/** An event that records what an admin did: an admin event, or a records-management event. */
export type RecordedAction = AdminEvent | RecordsEvent;

/** Appends one admin event to its area's admin stream (`admin-projections`…): see recordAction. */
export function recordAdminEvent(store: EventStore, area: AdminArea, event: AdminEvent, actor: string): Promise<AppendResult> {
  return recordAction(store, adminStreamName(area), event, actor);
}

/**
 * Appends one event recording an admin's action to `streamId` (an admin stream, or a records
 * stream such as `records-personal-data`) at the stream's current revision, like any command:
 * an action in another process (or request) in between makes the append fail, and it is
 * retried on the new revision, since appending after another one is always right.
 */
export function recordAction(store: EventStore, streamId: string, event: RecordedAction, actor: string): Promise<AppendResult> {
  return decideAction(store, streamId, recordsOnly, () => event, actor);
}

/**
 * Appends the event `decide` makes of the stream's state, at the revision that state was
 * folded from: an action that depends on earlier ones (releasing a hold needs it in force,
 * erasing a subject needs it not erased yet) is decided again if another one was appended in
 * between. `decide` throws to refuse.
 */
export async function decideAction<State, Event>(
  store: EventStore,
  streamId: string,
  fold: StreamFold<State, Event>,
  decide: (state: State) => RecordedAction,
  actor: string,
): Promise<AppendResult> {
  const actionId = uuidv7();
  const toWrite = (event: RecordedAction) => ({
    eventId: actionId,
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: { actor, commandId: actionId, correlationId: actionId, causationId: actionId },
  });
  const { appended } = await handleCommand<State, Event | RecordedAction>(
    store,
    // Only decided events are encoded: the fold's own events are never written back.
    { streamId, fold, decide: (state) => [decide(state)], encode: (events) => events.map((e) => toWrite(e as RecordedAction)) },
    { maxAttempts: MAX_ATTEMPTS },
  );
  return appended;
}
