import { evolveParty, fromStoredPartyEvent, initialPartyState, partyIdFromStreamName, type PartyEvent, type PartyState } from '#domain';
import { partyDisposed } from '../queries/get-deal.query.js';
import type { StreamFold } from '../command-handling/handle-command.js';

/** A party stream folds into the decision state; events of no party version are skipped; a disposed party takes no command (as for deals). */
export const partyFold: StreamFold<PartyState, PartyEvent> = {
  initialState: initialPartyState,
  decode: (recorded) => {
    if (recorded.disposal) throw partyDisposed(partyIdFromStreamName(recorded.streamId) ?? recorded.streamId, recorded.disposal);
    return fromStoredPartyEvent(recorded.type, recorded.data);
  },
  evolve: evolveParty,
};
