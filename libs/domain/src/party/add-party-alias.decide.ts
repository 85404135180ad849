import { ErrorCodes, conflict } from '../errors.js';
import { assertRequiredText } from '../values/input.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { PartyCommandOf } from './party-commands.js';
import type { PartyEvent } from './party-events.js';
import { assertReported, requireRegisteredParty } from './party-rules.js';
import type { PartyState } from './party-state.js';

export type AddPartyAlias = PartyCommandOf<'AddPartyAlias'>;

export function decideAddPartyAlias(command: AddPartyAlias, state: PartyState): PartyEvent[] {
  const party = requireRegisteredParty(state, command.partyId);
  assertRequiredText(command.alias, 'alias');
  assertReported(command);
  if (command.effectiveAt !== undefined) assertTimestamp(command.effectiveAt, 'effectiveAt');
  // Compared as a reader would search: "IWATANI" is the alias "Iwatani" again.
  const known = party.aliases.find((alias) => alias.toLocaleLowerCase('en') === command.alias.toLocaleLowerCase('en'));
  if (known !== undefined) {
    throw conflict(ErrorCodes.aliasAlreadyKnown, `Party ${party.partyId} already goes by ${known}`, 'alias');
  }
  return [{ type: 'PartyAliasAdded.v1', data: command }];
}
