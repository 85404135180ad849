import { dealIdFromStreamName, evolveDeal, fromStoredEvent, initialDealState, type DealEvent, type DealState } from '#domain';
import { dealDisposed } from '../queries/get-deal.query.js';
import type { EventStore } from '#event-store';
import { loadStream, type LoadedStream, type StreamFold } from '../command-handling/handle-command.js';

/**
 * A deal stream folds into the decision state; events of no deal version are skipped. A deal
 * disposed of (it goes whole) takes no command: its emptied events have nothing to decide on.
 */
export const dealFold: StreamFold<DealState, DealEvent> = {
  initialState: initialDealState,
  decode: (recorded) => {
    if (recorded.disposal) throw dealDisposed(dealIdFromStreamName(recorded.streamId) ?? recorded.streamId, recorded.disposal);
    return fromStoredEvent(recorded.type, recorded.data);
  },
  evolve: evolveDeal,
};

export type LoadedDeal = LoadedStream<DealState>;

/** Reads a deal stream and folds it into the decision state. */
export const loadDeal = (store: EventStore, streamId: string): Promise<LoadedDeal> => loadStream(store, streamId, dealFold);
