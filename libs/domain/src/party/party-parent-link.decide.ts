import { ErrorCodes, conflict, invalid } from '../errors.js';
import { assertValidId } from '../values/identifiers.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { PartyCommandOf } from './party-commands.js';
import type { PartyEvent } from './party-events.js';
import { assertReported, requireRegisteredParty } from './party-rules.js';
import { openLinkTo, type PartyState } from './party-state.js';

export type LinkPartyParent = PartyCommandOf<'LinkPartyParent'>;
export type EndPartyParentLink = PartyCommandOf<'EndPartyParentLink'>;

/**
 * The party becomes a unit of a registered party. `known` holds the parties the
 * application found registered among the command's references (party-references.ts):
 * the decider reads no other stream.
 */
export function decideLinkPartyParent(command: LinkPartyParent, state: PartyState, known: ReadonlySet<string>): PartyEvent[] {
  const party = requireRegisteredParty(state, command.partyId);
  assertValidId(command.parentId, 'parentId');
  if (command.parentId === party.partyId) {
    throw invalid(ErrorCodes.parentIsSelf, `Party ${party.partyId} cannot be its own parent`, 'parentId');
  }
  assertTimestamp(command.effectiveAt, 'effectiveAt');
  assertReported(command);
  if (!known.has(command.parentId)) {
    throw invalid(ErrorCodes.unknownParent, `parentId must name a registered party (POST /parties first): ${command.parentId} is not`, 'parentId');
  }
  if (openLinkTo(party, command.parentId)) {
    throw conflict(ErrorCodes.parentAlreadyLinked, `Party ${party.partyId} is already a unit of ${command.parentId}`, 'parentId');
  }
  return [{ type: 'PartyParentLinked.v1', data: command }];
}

/** Ends the open link to a parent, no earlier than it began. */
export function decideEndPartyParentLink(command: EndPartyParentLink, state: PartyState): PartyEvent[] {
  const party = requireRegisteredParty(state, command.partyId);
  assertValidId(command.parentId, 'parentId');
  assertTimestamp(command.effectiveAt, 'effectiveAt');
  assertReported(command);
  const open = openLinkTo(party, command.parentId);
  if (open === undefined) {
    throw conflict(ErrorCodes.parentLinkNotOpen, `Party ${party.partyId} has no open link to ${command.parentId}`, 'parentId');
  }
  if (Date.parse(command.effectiveAt) < Date.parse(open.from)) {
    throw invalid(ErrorCodes.linkEndsBeforeStart, `The link to ${command.parentId} began at ${open.from}: it cannot end before`, 'effectiveAt');
  }
  return [{ type: 'PartyParentLinkEnded.v1', data: command }];
}
