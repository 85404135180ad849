import { ErrorCodes, conflict } from '../errors.js';
import { PARTY_KINDS } from '../deal/deal-events.js';
import { assertValidId } from '../values/identifiers.js';
import { assertOneOf, assertRequiredText } from '../values/input.js';
import type { PartyCommandOf } from './party-commands.js';
import type { PartyEvent } from './party-events.js';
import { assertOptionalCountry, assertOptionalLei, assertReported } from './party-rules.js';
import type { PartyState } from './party-state.js';

export type RegisterParty = PartyCommandOf<'RegisterParty'>;

export function decideRegisterParty(command: RegisterParty, state: PartyState): PartyEvent[] {
  if (state.registered) {
    throw conflict(ErrorCodes.partyAlreadyRegistered, `Party ${state.partyId} is already registered`, 'partyId');
  }
  assertValidId(command.partyId, 'partyId');
  assertRequiredText(command.name, 'name');
  assertOneOf(command.kind, PARTY_KINDS, 'kind');
  assertOptionalCountry(command.country, 'country');
  assertOptionalLei(command.lei, 'lei');
  assertReported(command);
  return [{ type: 'PartyRegistered.v1', data: command }];
}
