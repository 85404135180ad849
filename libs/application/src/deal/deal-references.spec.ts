import type { DealCommand } from '#domain';
import { knownReferencesOf, type ReferenceReader } from './deal-references.js';

const join = { type: 'JoinDeal', dealId: 'd', party: { partyId: 'iwatani', roles: ['buyer'] } } as unknown as DealCommand;
const registry: ReferenceReader = {
  dealRegistered: async () => false,
  registeredParty: async () => ({ kind: 'company', names: [{ name: 'Iwatani' }, { name: 'Iwatani Corporation', effectiveAt: '2025-04-01' }] }),
};

describe('the references of a deal command', () => {
  it('give a party of the registry the name in effect when the command was received, not a rename dated later', async () => {
    const before = await knownReferencesOf(join, registry, '2025-03-31T23:59:59Z');
    const after = await knownReferencesOf(join, registry, '2025-04-01T00:00:00Z');
    expect([before?.parties.get('iwatani')?.name, after?.parties.get('iwatani')?.name]).toEqual(['Iwatani', 'Iwatani Corporation']);
  });

  it('read nothing for a command that names no other stream', async () => {
    const note = { type: 'RecordNote', dealId: 'd' } as unknown as DealCommand;
    expect(await knownReferencesOf(note, { dealRegistered: () => { throw new Error('read'); }, registeredParty: () => { throw new Error('read'); } }, '2025-01-01T00:00:00Z')).toBeUndefined();
  });
});
