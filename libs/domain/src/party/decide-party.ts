import { ErrorCodes, invalid } from '../errors.js';
import { copyBySchema } from '../deal/canonical-payload.js';
import type { DecisionContext } from '../deal/decision-context.js';
import { assertPlausibleTimes } from '../deal/time-guards.js';
import { decideAddPartyAlias } from './add-party-alias.decide.js';
import type { PartyCommand } from './party-commands.js';
import { partyEventDefinition } from './party-event-schemas.js';
import type { PartyEvent } from './party-events.js';
import { decideEndPartyParentLink, decideLinkPartyParent } from './party-parent-link.decide.js';
import type { PartyState } from './party-state.js';
import { decideRegisterParty } from './register-party.decide.js';
import { decideRenameParty } from './rename-party.decide.js';

/**
 * The events a command produces on a party in this state, or a DomainError saying why not.
 * `known`: the parties among the command's references (referencesOf) that are registered.
 * Each payload is copied by its schema on the way out, as the deal's are, so the deciders
 * pass the command as it is and only the event's members are stored.
 */
export function decideParty(command: PartyCommand, state: PartyState, decision: DecisionContext, known: ReadonlySet<string> = new Set()): PartyEvent[] {
  const events = decideByType(command, state, known).map(
    (event) => ({ ...event, data: copyBySchema(partyEventDefinition(event.type)!.schema, event.data) }) as PartyEvent,
  );
  // The same guards as a deal's: no report from the future, no effectiveAt outside the window unless meant.
  assertPlausibleTimes(events, decision);
  return events;
}

function decideByType(command: PartyCommand, state: PartyState, known: ReadonlySet<string>): PartyEvent[] {
  switch (command.type) {
    case 'RegisterParty':
      return decideRegisterParty(command, state);
    case 'RenameParty':
      return decideRenameParty(command, state);
    case 'AddPartyAlias':
      return decideAddPartyAlias(command, state);
    case 'LinkPartyParent':
      return decideLinkPartyParent(command, state, known);
    case 'EndPartyParentLink':
      return decideEndPartyParentLink(command, state);
    default: {
      const unknown: never = command;
      throw invalid(ErrorCodes.unknownCommand, `Unknown command type ${JSON.stringify((unknown as { type?: unknown }).type)}`, 'type');
    }
  }
}
