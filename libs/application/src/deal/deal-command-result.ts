import { figuresIntroducedBy, fromStoredEvent, type DealEvent } from '#domain';
import type { AppendResult, RecordedEvent } from '#event-store';

/** What a recorded command answers, the same on the first call and on every retry. */
export interface DealCommandResult {
  dealId: string;
  /** The deal's revision after the command: send it as `If-Match` next time. */
  revision: number;
  /** The global position of the command's last event. */
  position: number;
  eventIds: string[];
  eventTypes: string[];
  /** Figures the command reported or changed. */
  figureIds: string[];
}

export function resultOfAppend(
  dealId: string,
  appended: AppendResult,
  eventIds: string[],
  events: readonly DealEvent[],
): DealCommandResult {
  return {
    dealId,
    revision: appended.nextExpectedRevision,
    position: appended.lastPosition,
    eventIds,
    eventTypes: events.map((e) => e.type),
    figureIds: events.flatMap(figureIdsOf),
  };
}

/** Rebuilds the answer of an earlier run from the events it wrote. */
export function resultOfEarlierRun(dealId: string, recorded: readonly RecordedEvent[]): DealCommandResult {
  const last = recorded[recorded.length - 1]!;
  const events = recorded.map((r) => fromStoredEvent(r.type, r.data)).filter((e): e is DealEvent => e !== undefined);
  return {
    dealId,
    revision: last.revision,
    position: last.position,
    eventIds: recorded.map((e) => e.eventId),
    eventTypes: recorded.map((e) => e.type),
    figureIds: events.flatMap(figureIdsOf),
  };
}

/** The figures an event reports or changes. */
export function figureIdsOf(event: DealEvent): string[] {
  if ('figureId' in event.data && typeof event.data.figureId === 'string') return [event.data.figureId];
  return figuresIntroducedBy(event).map((f) => f.report.figureId);
}
