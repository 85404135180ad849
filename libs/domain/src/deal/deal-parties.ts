import { ErrorCodes, invalid } from '../errors.js';
import { assertValidId } from '../values/identifiers.js';
import { assertList, assertOneOf, assertRecord, assertRequiredText } from '../values/input.js';
import type { PartyReference } from './deal-commands.js';
import { PARTY_KINDS, PARTY_ROLES, type Party } from './deal-events.js';
import type { KnownReferences } from './decision-context.js';

export const COUNTRY_CODE = /^[A-Z]{2}$/;

/**
 * A party as the deal will hold it. A reference without a name and kind takes them from
 * the registry (its name now), and must name a registered party; with them, they are the
 * deal's own words. Either way a registered id is marked, so readers can follow it.
 */
export function partyOfDeal(reference: unknown, field: string, known: KnownReferences): Party {
  assertRecord(reference, field);
  assertValidId(reference.partyId, `${field}.partyId`);
  const roles = reference.roles;
  assertList(roles, `${field}.roles`, { nonEmpty: false });
  roles.forEach((role, index) => assertOneOf(role, PARTY_ROLES, `${field}.roles[${index}]`));
  if (reference.country !== undefined && !(typeof reference.country === 'string' && COUNTRY_CODE.test(reference.country))) {
    throw invalid(ErrorCodes.invalidCountry, `${field}.country must be an ISO 3166-1 alpha-2 code such as FR`, `${field}.country`);
  }
  const { partyId } = reference;
  const registered = known.parties.get(partyId);
  const named = reference as PartyReference;
  const fromRegistry = named.name === undefined && named.kind === undefined;
  if (fromRegistry && registered === undefined) {
    throw invalid(
      ErrorCodes.unregisteredParty,
      `${field} names no party of the registry: give its name and kind, or register ${partyId} first (POST /parties)`,
      `${field}.partyId`,
    );
  }
  if (!fromRegistry) {
    assertRequiredText(named.name, `${field}.name`);
    assertOneOf(named.kind, PARTY_KINDS, `${field}.kind`);
  }
  const { name, kind } = fromRegistry ? registered! : (named as Party);
  const country = named.country ?? (fromRegistry ? registered!.country : undefined);
  // Built member by member: only the registry, never the caller, says a party is registered.
  return { partyId, name, kind, roles: named.roles, ...(country !== undefined ? { country } : {}), ...(registered !== undefined ? { registered: true } : {}) };
}
