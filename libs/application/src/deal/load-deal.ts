import { evolveDeal, fromStoredEvent, initialDealState, type DealState } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';

export interface LoadedDeal {
  state: DealState;
  /** The stream's last revision, or 'no_stream' when nothing was recorded yet. */
  revision: number | 'no_stream';
  events: RecordedEvent[];
}

/** Reads a deal stream and folds it into the decision state. */
export async function loadDeal(store: EventStore, streamId: string): Promise<LoadedDeal> {
  const events = await store.readStream(streamId);
  let state = initialDealState;
  for (const recorded of events) {
    const event = fromStoredEvent(recorded.type, recorded.data);
    if (event) state = evolveDeal(state, event);
  }
  const last = events[events.length - 1];
  return { state, revision: last ? last.revision : 'no_stream', events };
}
