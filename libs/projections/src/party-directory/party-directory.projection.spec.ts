import { InMemoryEventStore } from '#event-store';
import type { PartyCommand } from '#domain';
import { recordPartyCommands } from '#testing';
import { openReadModelDatabase } from '../read-model-database.js';
import { ProjectionRunner } from '../projection-runner.js';
import { partyDirectoryProjection } from './party-directory.projection.js';
import { PartyDirectoryReader } from './party-directory.reader.js';

const reported = { source: { publisher: 'GLEIF', tier: 'primary' as const }, reportedAt: '2025-03-17' };
const LEI = '506700GE1G29325QX363';
const commands: PartyCommand[] = [
  { type: 'RegisterParty', partyId: 'iwatani', name: 'Iwatani', kind: 'company', country: 'JP', lei: LEI, ...reported },
  { type: 'RenameParty', partyId: 'iwatani', name: 'Iwatani Corporation', effectiveAt: '2025-04-01', ...reported },
  { type: 'AddPartyAlias', partyId: 'iwatani', alias: 'Iwatani Sangyo', ...reported },
  { type: 'RegisterParty', partyId: 'jogmec', name: 'JOGMEC', kind: 'state_agency', ...reported },
  { type: 'AddPartyAlias', partyId: 'jogmec', alias: 'Organisation japonaise des MÉTAUX', ...reported },
  { type: 'RegisterParty', partyId: 'iwatani-dup', name: 'Iwatani Corp.', kind: 'company', lei: LEI, ...reported },
];

describe('the party directory', () => {
  it('lists registered parties by any name they had or go by, and by LEI; the name shown is the latest in effect', async () => {
    const store = new InMemoryEventStore();
    await recordPartyCommands(store, commands);
    const db = openReadModelDatabase(':memory:');
    const runner = new ProjectionRunner(store, db, [partyDirectoryProjection]);
    runner.start();
    try {
      expect(await runner.catchUp(5_000)).toBe(true);
      const directory = new PartyDirectoryReader(db);

      const all = directory.listParties({ limit: 10 });
      expect(all.items.map((p) => p.partyId)).toEqual(['iwatani', 'iwatani-dup', 'jogmec']);
      expect(all.items[0]).toMatchObject({
        name: 'Iwatani Corporation',
        otherNames: ['Iwatani'],
        aliases: ['Iwatani Sangyo'],
        country: 'JP',
        revision: 2,
      });
      expect(directory.listParties({ name: 'SANGYO', limit: 10 }).items.map((p) => p.partyId)).toEqual(['iwatani']);
      expect(directory.listParties({ name: 'métaux', limit: 10 }).items.map((p) => p.partyId)).toEqual(['jogmec']);
      expect(directory.listParties({ name: 'iwatani', limit: 10 }).items.map((p) => p.partyId)).toEqual(['iwatani', 'iwatani-dup']);
      // The same LEI twice: the same legal entity registered twice, for a writer to see.
      expect(directory.listParties({ lei: LEI, limit: 10 }).items.map((p) => p.partyId)).toEqual(['iwatani', 'iwatani-dup']);
      const first = directory.listParties({ limit: 2 });
      expect(first.next).toBe('iwatani-dup');
      expect(directory.listParties({ after: first.next!, limit: 2 }).items.map((p) => p.partyId)).toEqual(['jogmec']);
    } finally {
      await runner.stop();
      db.close();
    }
  });
});
