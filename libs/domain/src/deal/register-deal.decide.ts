import { ErrorCodes, conflict, invalid } from '../errors.js';
import { assertValidSource } from '../values/figure-rules.js';
import { assertValidId } from '../values/identifiers.js';
import { assertList, assertOneOf, assertOptionalText, assertRecord, assertRequiredText, assertTextList } from '../values/input.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { CommandOf } from './deal-commands.js';
import { PARTY_KINDS, PARTY_ROLES, type DealEvent, type Party } from './deal-events.js';
import type { DealState } from './deal-state.js';

export type RegisterDeal = CommandOf<'RegisterDeal'>;

export const COUNTRY_CODE = /^[A-Z]{2}$/;

export function decideRegisterDeal(command: RegisterDeal, state: DealState): DealEvent[] {
  if (state.registered) {
    throw conflict(ErrorCodes.dealAlreadyRegistered, `Deal ${state.dealId} is already registered`, 'dealId');
  }
  assertValidId(command.dealId, 'dealId');
  assertRequiredText(command.title, 'title');
  assertList(command.parties, 'parties', { nonEmpty: true });
  const partyIds = new Set<string>();
  command.parties.forEach((party, index) => {
    const field = `parties[${index}]`;
    assertValidParty(party, field);
    if (partyIds.has(party.partyId)) {
      throw invalid(ErrorCodes.duplicateParty, `Party ${party.partyId} is listed twice`, `${field}.partyId`);
    }
    partyIds.add(party.partyId);
  });
  assertOptionalText(command.site, 'site');
  assertTextList(command.commodities, 'commodities', { nonEmpty: false });
  assertValidSource(command.source, 'source');
  assertTimestamp(command.reportedAt, 'reportedAt');

  return [
    {
      type: 'DealRegistered.v2',
      data: {
        dealId: command.dealId,
        title: command.title,
        parties: command.parties,
        site: command.site,
        commodities: command.commodities,
        source: command.source,
        reportedAt: command.reportedAt,
      },
    },
  ];
}

function assertValidParty(party: unknown, field: string): asserts party is Party {
  assertRecord(party, field);
  assertValidId(party.partyId, `${field}.partyId`);
  assertRequiredText(party.name, `${field}.name`);
  assertOneOf(party.kind, PARTY_KINDS, `${field}.kind`);
  const roles = party.roles;
  assertList(roles, `${field}.roles`, { nonEmpty: false });
  roles.forEach((role, index) => assertOneOf(role, PARTY_ROLES, `${field}.roles[${index}]`));
  if (party.country !== undefined && !(typeof party.country === 'string' && COUNTRY_CODE.test(party.country))) {
    throw invalid(ErrorCodes.invalidCountry, `${field}.country must be an ISO 3166-1 alpha-2 code such as FR`, `${field}.country`);
  }
}
