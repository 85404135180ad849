import type { PartyCommandType } from '#domain';
import type { PartyCommandRoute } from './party-command-route.js';
import { addPartyAlias, endPartyParentLink, linkPartyParent, registerParty, renameParty } from './party.request.js';

/** Every party command by name: what an import line's `command` field selects, as dealCommandRoutes for deals. */
export const partyCommandRoutes: Record<PartyCommandType, PartyCommandRoute> = {
  RegisterParty: registerParty,
  RenameParty: renameParty,
  AddPartyAlias: addPartyAlias,
  LinkPartyParent: linkPartyParent,
  EndPartyParentLink: endPartyParentLink,
};
