import type { DealCommand } from './deal-commands.js';
import type { RegisteredPartyInfo } from './decision-context.js';
import { DEAL_ID, REGISTERED, parties, registered } from './testing/caremag.js';
import { decisionContextAt, given } from './testing/given-when-then.js';

const MIZUHO: RegisteredPartyInfo = { name: 'Mizuho Bank, Ltd.', kind: 'company', country: 'JP' };
const registry = (entries: [string, RegisteredPartyInfo][] = []) =>
  decisionContextAt(undefined, { references: { deals: new Set(), parties: new Map(entries) } });
const joinDeal = (party: Record<string, unknown>): DealCommand =>
  ({ type: 'JoinDeal', dealId: DEAL_ID, party, source: registered.source, reportedAt: '2025-09-01' }) as DealCommand;

describe('JoinDeal', () => {
  it('takes a registered party by its id alone: the registry gives its name, kind and country, and the deal marks it', () => {
    expect(given(REGISTERED).when(joinDeal({ partyId: 'mizuho', roles: ['lender'] }), registry([['mizuho', MIZUHO]])).thenEvents()).toEqual([
      {
        type: 'PartyJoinedDeal.v1',
        data: {
          party: { partyId: 'mizuho', name: 'Mizuho Bank, Ltd.', kind: 'company', roles: ['lender'], country: 'JP', registered: true },
          source: registered.source,
          reportedAt: '2025-09-01',
        },
      },
    ]);
  });

  it('keeps the deal’s own words for a registered party, and still marks it', () => {
    const [event] = given(REGISTERED)
      .when(joinDeal({ partyId: 'mizuho', name: 'Mizuho', kind: 'company', roles: ['arranger'] }), registry([['mizuho', MIZUHO]]))
      .thenEvents();
    expect(event!.data).toMatchObject({ party: { partyId: 'mizuho', name: 'Mizuho', roles: ['arranger'], registered: true } });
  });

  it('takes a party the registry does not hold when the deal names it', () => {
    const [event] = given(REGISTERED).when(joinDeal({ partyId: 'smbc', name: 'SMBC', kind: 'company', roles: ['lender'] }), registry()).thenEvents();
    expect(event!.data).toEqual(expect.objectContaining({ party: { partyId: 'smbc', name: 'SMBC', kind: 'company', roles: ['lender'] } }));
  });

  it('never takes the caller’s word that a party is registered', () => {
    const claimed = joinDeal({ partyId: 'smbc', name: 'SMBC', kind: 'company', roles: ['lender'], registered: true });
    const [event] = given(REGISTERED).when(claimed, registry()).thenEvents();
    expect((event!.data as { party: object }).party).not.toHaveProperty('registered');
  });

  it('refuses a bare id that names no registered party', () => {
    expect(given(REGISTERED).when(joinDeal({ partyId: 'smbc', roles: ['lender'] }), registry()).thenError()).toMatchObject({
      code: 'DEAL.UNREGISTERED_PARTY',
      kind: 'invalid',
      field: 'party.partyId',
    });
  });

  it('refuses a party already in the deal', () => {
    expect(given(REGISTERED).when(joinDeal({ ...parties[0] }), registry()).thenError()).toMatchObject({
      code: 'DEAL.PARTY_ALREADY_ON_DEAL',
      kind: 'conflict',
      field: 'party.partyId',
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a name without a kind', { partyId: 'smbc', name: 'SMBC', roles: [] }, 'VALUE.NOT_ALLOWED', 'party.kind'],
    ['a kind without a name', { partyId: 'smbc', kind: 'company', roles: [] }, 'VALUE.REQUIRED', 'party.name'],
    ['an unknown role', { partyId: 'mizuho', roles: ['banker'] }, 'VALUE.NOT_ALLOWED', 'party.roles[0]'],
    ['a country that is not ISO 3166 alpha-2', { partyId: 'mizuho', roles: [], country: 'JPN' }, 'PARTY.INVALID_COUNTRY', 'party.country'],
  ])('refuses %s', (_name, party, code, field) => {
    expect(given(REGISTERED).when(joinDeal(party), registry([['mizuho', MIZUHO]])).thenError()).toMatchObject({ code, field });
  });
});
