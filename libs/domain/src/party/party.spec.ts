import { Ajv } from 'ajv';
import { SHARED_DEFINITIONS, dealEventSchemaDocument } from '../deal/deal-event-schemas.js';
import type { Source } from '../values/figure.js';
import type { PartyCommand } from './party-commands.js';
import { PARTY_EVENT_DEFINITIONS } from './party-event-schemas.js';
import type { PartyEvent } from './party-events.js';
import { referencesOf } from './party-references.js';
import { given } from './testing/given-when-then.js';

const source: Source = { publisher: 'GLEIF', tier: 'primary' };
const LEI = '506700GE1G29325QX363';

const register = (patch: Partial<Extract<PartyCommand, { type: 'RegisterParty' }>> = {}): PartyCommand => ({
  type: 'RegisterParty',
  partyId: 'iwatani',
  name: 'Iwatani',
  kind: 'company',
  country: 'JP',
  lei: LEI,
  source,
  reportedAt: '2025-03-17',
  ...patch,
});
const registered: PartyEvent = {
  type: 'PartyRegistered.v1',
  data: { partyId: 'iwatani', name: 'Iwatani', kind: 'company', country: 'JP', lei: LEI, source, reportedAt: '2025-03-17' },
};
const rename = (name: string, effectiveAt: string): PartyCommand => ({ type: 'RenameParty', partyId: 'iwatani', name, effectiveAt, source, reportedAt: '2025-04-01' });
const renamed = (name: string, effectiveAt: string): PartyEvent => ({ type: 'PartyRenamed.v1', data: { name, effectiveAt, source, reportedAt: '2025-04-01' } });
const link = (parentId: string, effectiveAt = '2020-01-01'): PartyCommand => ({ type: 'LinkPartyParent', partyId: 'iwatani', parentId, effectiveAt, source, reportedAt: '2025-04-01' });
const linked = (parentId: string, effectiveAt = '2020-01-01'): PartyEvent => ({ type: 'PartyParentLinked.v1', data: { parentId, effectiveAt, source, reportedAt: '2025-04-01' } });
const end = (parentId: string, effectiveAt = '2024-01-01'): PartyCommand => ({ type: 'EndPartyParentLink', partyId: 'iwatani', parentId, effectiveAt, source, reportedAt: '2025-04-01' });
const ended = (parentId: string, effectiveAt = '2024-01-01'): PartyEvent => ({ type: 'PartyParentLinkEnded.v1', data: { parentId, effectiveAt, source, reportedAt: '2025-04-01' } });

describe('RegisterParty', () => {
  it('given no events, registers the party with its LEI, leaving out the command type and unknown members', () => {
    expect(given().when({ ...register(), actor: 'mallory' } as unknown as PartyCommand).thenEvents()).toEqual([registered]);
  });

  it('refuses a party registered twice: 409 PARTY.ALREADY_REGISTERED', () => {
    expect(given(registered).when(register()).thenError()).toMatchObject({ code: 'PARTY.ALREADY_REGISTERED', kind: 'conflict', field: 'partyId' });
  });

  it.each<[string, Partial<Extract<PartyCommand, { type: 'RegisterParty' }>>, string, string]>([
    ['an LEI with a wrong check digit', { lei: '506700GE1G29325QX364' }, 'PARTY.INVALID_LEI', 'lei'],
    ['an LEI in lower case', { lei: LEI.toLowerCase() }, 'PARTY.INVALID_LEI', 'lei'],
    ['a country that is not alpha-2', { country: 'JPN' }, 'PARTY.INVALID_COUNTRY', 'country'],
    ['a party id that could name a system stream', { partyId: '$all' }, 'ID.INVALID', 'partyId'],
    ['a blank name', { name: ' ' }, 'VALUE.REQUIRED', 'name'],
    ['an unknown kind', { kind: 'bank' as never }, 'VALUE.NOT_ALLOWED', 'kind'],
    ['an impossible report date', { reportedAt: '2025-02-30' }, 'TIME.INVALID_TIMESTAMP', 'reportedAt'],
  ])('refuses %s', (_label, patch, code, field) => {
    expect(given().when(register(patch)).thenError()).toMatchObject({ code, kind: 'invalid', field });
  });
});

describe('RenameParty', () => {
  it('renames from a date', () => {
    expect(given(registered).when(rename('Iwatani Corporation', '2025-04-01')).thenEvents()).toEqual([renamed('Iwatani Corporation', '2025-04-01')]);
  });

  it('refuses the name already in effect at that date, and takes it back at a date when another was', () => {
    expect(given(registered).when(rename('Iwatani', '2025-04-01')).thenError()).toMatchObject({ code: 'PARTY.RENAME_CHANGES_NOTHING', kind: 'conflict', field: 'name' });
    const history = [registered, renamed('Iwatani Corporation', '2020-01-01')];
    expect(given(...history).when(rename('Iwatani Corporation', '2021-01-01')).thenError()).toMatchObject({ code: 'PARTY.RENAME_CHANGES_NOTHING' });
    expect(given(...history).when(rename('Iwatani', '2021-01-01')).thenEvents()).toHaveLength(1);
  });

  it('needs an effective date, and a registered party', () => {
    expect(given(registered).when({ ...rename('X', '2025-01-01'), effectiveAt: undefined } as unknown as PartyCommand).thenError()).toMatchObject({ code: 'TIME.INVALID_TIMESTAMP', field: 'effectiveAt' });
    expect(given().when(rename('X', '2025-01-01')).thenError()).toMatchObject({ code: 'PARTY.NOT_FOUND', kind: 'not_found' });
  });
});

describe('AddPartyAlias', () => {
  const alias = (text: string): PartyCommand => ({ type: 'AddPartyAlias', partyId: 'iwatani', alias: text, source, reportedAt: '2025-04-01' });

  it('adds an alias once, whatever its case the second time', () => {
    expect(given(registered).when(alias('岩谷産業')).thenEvents()).toEqual([{ type: 'PartyAliasAdded.v1', data: { alias: '岩谷産業', source, reportedAt: '2025-04-01' } }]);
    const added: PartyEvent = { type: 'PartyAliasAdded.v1', data: { alias: 'Iwatani Corp', source, reportedAt: '2025-04-01' } };
    expect(given(registered, added).when(alias('IWATANI CORP')).thenError()).toMatchObject({ code: 'PARTY.ALIAS_ALREADY_KNOWN', kind: 'conflict', field: 'alias' });
  });
});

describe('LinkPartyParent and EndPartyParentLink', () => {
  it('links to a registered parent, and names it as a reference to check', () => {
    expect(referencesOf(link('iwatani-group'))).toEqual(['iwatani-group']);
    expect(referencesOf(register())).toEqual([]);
    expect(given(registered).knowing('iwatani-group').when(link('iwatani-group')).thenEvents()).toEqual([linked('iwatani-group')]);
  });

  it('refuses a parent that is the party itself, one not registered, and one already linked', () => {
    expect(given(registered).knowing('iwatani').when(link('iwatani')).thenError()).toMatchObject({ code: 'PARTY.PARENT_IS_SELF', kind: 'invalid', field: 'parentId' });
    expect(given(registered).when(link('nobody')).thenError()).toMatchObject({ code: 'PARTY.UNKNOWN_PARENT', kind: 'invalid', field: 'parentId' });
    expect(given(registered, linked('g')).knowing('g').when(link('g')).thenError()).toMatchObject({ code: 'PARTY.PARENT_ALREADY_LINKED', kind: 'conflict' });
  });

  it('ends an open link, and links again once it ended', () => {
    expect(given(registered, linked('g')).when(end('g')).thenEvents()).toEqual([ended('g')]);
    expect(given(registered, linked('g'), ended('g')).knowing('g').when(link('g', '2025-01-01')).thenEvents()).toEqual([linked('g', '2025-01-01')]);
  });

  it('refuses to end a link that is not open, or before it began', () => {
    expect(given(registered).when(end('g')).thenError()).toMatchObject({ code: 'PARTY.PARENT_LINK_NOT_OPEN', kind: 'conflict', field: 'parentId' });
    expect(given(registered, linked('g'), ended('g')).when(end('g')).thenError()).toMatchObject({ code: 'PARTY.PARENT_LINK_NOT_OPEN' });
    expect(given(registered, linked('g')).when(end('g', '2019-12-31')).thenError()).toMatchObject({ code: 'PARTY.LINK_ENDS_BEFORE_START', field: 'effectiveAt' });
  });
});

describe('the party event schemas', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });

  it('hold every event the deciders write (additionalProperties: false)', () => {
    const written: PartyEvent[] = [
      ...given().when(register({ country: undefined })).thenEvents(),
      ...given(registered).when(rename('Iwatani Corporation', '2025-04-01')).thenEvents(),
      ...given(registered).when({ type: 'AddPartyAlias', partyId: 'iwatani', alias: 'Iwatani', source, reportedAt: '2025-04-01', effectiveAt: '2025-01-01' }).thenEvents(),
      ...given(registered).knowing('g').when(link('g')).thenEvents(),
      ...given(registered, linked('g')).when(end('g')).thenEvents(),
    ];
    expect(written.map((e) => e.type)).toEqual(PARTY_EVENT_DEFINITIONS.map((d) => d.type));
    for (const event of written) {
      const validate = ajv.compile(dealEventSchemaDocument(PARTY_EVENT_DEFINITIONS.find((d) => d.type === event.type)!));
      expect({ type: event.type, valid: validate(event.data), errors: validate.errors ?? null }).toEqual({ type: event.type, valid: true, errors: null });
    }
    expect(Object.keys(SHARED_DEFINITIONS)).toContain('Source');
  });
});
