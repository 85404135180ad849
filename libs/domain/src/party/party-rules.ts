import { ErrorCodes, invalid, notFound } from '../errors.js';
import { COUNTRY_CODE } from '../deal/deal-parties.js';
import { assertValidSource } from '../values/figure-rules.js';
import type { Source } from '../values/figure.js';
import { assertTimestamp } from '../values/timestamp.js';
import { isValidLei } from './lei.js';
import type { PartyState, RegisteredPartyState } from './party-state.js';

/** Rules the party deciders share. Each throws a DomainError naming the offending field. */

export function requireRegisteredParty(state: PartyState, partyId: unknown): RegisteredPartyState {
  // A different id means the caller loaded the wrong stream: for that party, this is no party.
  if (!state.registered || state.partyId !== partyId) {
    throw notFound(ErrorCodes.partyNotFound, `Party ${String(partyId)} is not registered`, 'partyId');
  }
  return state;
}

/** Where a fact about the party came from and when: every party event has both. */
export function assertReported(command: { source: unknown; reportedAt: unknown }): asserts command is { source: Source; reportedAt: string } {
  assertValidSource(command.source, 'source');
  assertTimestamp(command.reportedAt, 'reportedAt');
}

export function assertOptionalCountry(country: unknown, field: string): void {
  if (country !== undefined && !(typeof country === 'string' && COUNTRY_CODE.test(country))) {
    throw invalid(ErrorCodes.invalidCountry, `${field} must be an ISO 3166-1 alpha-2 code such as FR`, field);
  }
}

export function assertOptionalLei(lei: unknown, field: string): void {
  if (lei !== undefined && !isValidLei(lei)) {
    throw invalid(ErrorCodes.invalidLei, `${field} must be an ISO 17442 LEI: 18 characters of A-Z 0-9 and two valid check digits`, field);
  }
}
