import { evolveParty, fromStoredPartyEvent, initialPartyState, type PartyEvent, type PartyState } from '#domain';
import type { StreamFold } from '../command-handling/handle-command.js';

/** A party stream folds into the decision state; events of no party version are skipped. */
export const partyFold: StreamFold<PartyState, PartyEvent> = {
  initialState: initialPartyState,
  decode: (recorded) => fromStoredPartyEvent(recorded.type, recorded.data),
  evolve: evolveParty,
};

/** Only whether a party stream holds anything: a party stream begins with its registration. */
export const partyExistenceFold: StreamFold<null, never> = {
  initialState: null,
  decode: () => undefined,
  evolve: (state) => state,
  revisionOnly: true,
};
