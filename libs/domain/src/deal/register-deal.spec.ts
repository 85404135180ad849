import type { DealCommand } from './deal-commands.js';
import { DEAL_ID, REGISTERED, parties, registered } from './testing/caremag.js';
import { decisionContextAt, given } from './testing/given-when-then.js';

const registerDeal = (patch: Record<string, unknown> = {}): DealCommand =>
  ({ type: 'RegisterDeal', ...registered, ...patch }) as DealCommand;

describe('RegisterDeal', () => {
  it('given no events, registers the deal with its parties', () => {
    expect(given().when(registerDeal()).thenEvents()).toEqual([{ type: 'DealRegistered.v2', data: registered }]);
  });

  it('keeps the dealId in the event and leaves out absent optionals and unknown properties', () => {
    const [event] = given().when(registerDeal({ site: undefined, actor: 'mallory', parties: [{ ...parties[0], country: undefined }] })).thenEvents();
    expect(event.type).toBe('DealRegistered.v2');
    expect(event.data).toMatchObject({ dealId: DEAL_ID });
    expect(Object.keys(event.data)).not.toContain('site');
    expect(Object.keys(event.data)).not.toContain('actor');
    expect(Object.keys((event.data as { parties: object[] }).parties[0])).not.toContain('country');
  });

  it('given a registered deal, refuses to register it again', () => {
    expect(given(REGISTERED).when(registerDeal()).thenError()).toMatchObject({
      code: 'DEAL.ALREADY_REGISTERED',
      kind: 'conflict',
      field: 'dealId',
    });
  });

  it('refuses a party listed twice', () => {
    const twice = [parties[0], parties[1], { ...parties[2], partyId: 'jogmec' }];
    expect(given().when(registerDeal({ parties: twice })).thenError()).toMatchObject({
      code: 'DEAL.DUPLICATE_PARTY',
      kind: 'invalid',
      field: 'parties[2].partyId',
    });
  });

  it('takes a party of the registry by its id alone, with the registry’s name now, and marks every registered id', () => {
    const context = decisionContextAt(undefined, {
      references: { deals: new Set(), parties: new Map([['jogmec', { name: 'JOGMEC (registry)', kind: 'state_agency' as const }], ['iwatani', { name: 'Iwatani Corporation', kind: 'company' as const }]]) },
    });
    const byId = [{ partyId: 'jogmec', roles: ['investor'] }, parties[1], parties[2]];
    const [event] = given().when(registerDeal({ parties: byId }), context).thenEvents();
    const named = (event!.data as { parties: object[] }).parties;
    expect(named[0]).toEqual({ partyId: 'jogmec', name: 'JOGMEC (registry)', kind: 'state_agency', roles: ['investor'], registered: true });
    expect(named[1]).toEqual({ ...parties[1], registered: true }); // iwatani: named in the deal's words, and registered
    expect(named[2]).toEqual(parties[2]);
  });

  it('refuses a party named by an id alone that the registry does not hold', () => {
    expect(given().when(registerDeal({ parties: [{ partyId: 'nobody', roles: [] }] })).thenError()).toMatchObject({
      code: 'DEAL.UNREGISTERED_PARTY',
      field: 'parties[0].partyId',
    });
  });

  it('needs at least one party', () => {
    expect(given().when(registerDeal({ parties: [] })).thenError()).toMatchObject({ code: 'VALUE.INVALID_LIST', field: 'parties' });
  });

  it('needs a non-empty title', () => {
    expect(given().when(registerDeal({ title: '   ' })).thenError()).toMatchObject({ code: 'VALUE.REQUIRED', field: 'title' });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a deal id that could name a system stream', { dealId: '$all' }, 'ID.INVALID', 'dealId'],
    ['a party id with a slash', { parties: [{ ...parties[0], partyId: 'a/b' }] }, 'ID.INVALID', 'parties[0].partyId'],
    ['a party without a name', { parties: [{ ...parties[0], name: '' }] }, 'VALUE.REQUIRED', 'parties[0].name'],
    ['an unknown party kind', { parties: [{ ...parties[0], kind: 'bank' }] }, 'VALUE.NOT_ALLOWED', 'parties[0].kind'],
    ['an unknown role', { parties: [{ ...parties[0], roles: ['investor', 'banker'] }] }, 'VALUE.NOT_ALLOWED', 'parties[0].roles[1]'],
    ['roles that are not a list', { parties: [{ ...parties[0], roles: 'investor' }] }, 'VALUE.INVALID_LIST', 'parties[0].roles'],
    ['a country that is not ISO 3166 alpha-2', { parties: [{ ...parties[0], country: 'JPN' }] }, 'PARTY.INVALID_COUNTRY', 'parties[0].country'],
    ['a blank site', { site: ' ' }, 'VALUE.REQUIRED', 'site'],
    ['a blank commodity', { commodities: ['dysprosium', ''] }, 'VALUE.REQUIRED', 'commodities[1]'],
    ['a source without publisher', { source: { tier: 'primary' } }, 'VALUE.REQUIRED', 'source.publisher'],
    ['an impossible reportedAt', { reportedAt: '2025-02-30' }, 'TIME.INVALID_TIMESTAMP', 'reportedAt'],
  ])('refuses %s', (_name, patch, code, field) => {
    expect(given().when(registerDeal(patch)).thenError()).toMatchObject({ code, field, kind: 'invalid' });
  });
});
