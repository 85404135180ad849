import type { AppendResult, RecordedEvent } from '#event-store';

/** What a recorded party command answers, the same on the first call and on every retry. */
export interface PartyCommandResult {
  partyId: string;
  /** The party stream's revision after the command: send it as `If-Match` next time. */
  revision: number;
  /** The global position of the command's last event. */
  position: number;
  eventIds: string[];
  eventTypes: string[];
}

export interface RecordedPartyCommand extends PartyCommandResult {
  /** True when this command id had been recorded before and nothing was written now. */
  replayed: boolean;
}

export function partyResultOfAppend(partyId: string, appended: AppendResult, written: readonly { eventId: string; type: string }[]): PartyCommandResult {
  return {
    partyId,
    revision: appended.nextExpectedRevision,
    position: appended.lastPosition,
    eventIds: written.map((e) => e.eventId),
    eventTypes: written.map((e) => e.type),
  };
}

/** Rebuilds the answer of an earlier run from the events it wrote. */
export function partyResultOfEarlierRun(partyId: string, recorded: readonly RecordedEvent[]): PartyCommandResult {
  const last = recorded[recorded.length - 1]!;
  return {
    partyId,
    revision: last.revision,
    position: last.position,
    eventIds: recorded.map((e) => e.eventId),
    eventTypes: recorded.map((e) => e.type),
  };
}
