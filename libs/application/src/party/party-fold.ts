import { evolveParty, fromStoredPartyEvent, initialPartyState, type PartyEvent, type PartyState } from '#domain';
import type { StreamFold } from '../command-handling/handle-command.js';

/** A party stream folds into the decision state; events of no party version are skipped. */
export const partyFold: StreamFold<PartyState, PartyEvent> = {
  initialState: initialPartyState,
  decode: (recorded) => fromStoredPartyEvent(recorded.type, recorded.data),
  evolve: evolveParty,
};
