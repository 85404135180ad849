import type * as Events from './party-events.js';

/** What a writer asks of a party stream; the party id (and a parent's) come in with the command. */
export type PartyCommand =
  | ({ type: 'RegisterParty' } & Events.PartyRegisteredV1)
  | ({ type: 'RenameParty'; partyId: string } & Events.PartyRenamedV1)
  | ({ type: 'AddPartyAlias'; partyId: string } & Events.PartyAliasAddedV1)
  | ({ type: 'LinkPartyParent'; partyId: string } & Events.PartyParentLinkedV1)
  | ({ type: 'EndPartyParentLink'; partyId: string } & Events.PartyParentLinkEndedV1);

export type PartyCommandType = PartyCommand['type'];

export type PartyCommandOf<T extends PartyCommandType> = Extract<PartyCommand, { type: T }>;
