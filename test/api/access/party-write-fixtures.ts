import type { TestLedger } from '../../support/test-ledger.js';
import type { Json } from '../support/body-mutations.js';

/** A write fixture's shape (write-route-fixtures.ts's WriteFixture, which spreads these in: named here to import nothing back). */
interface PartyWriteFixture {
  prepare(ledger: TestLedger): Promise<{ path: string; body: Json }>;
  validStatus: number;
}

let parties = 0;
const source = { publisher: 'GLEIF', title: 'LEI record', url: 'https://www.gleif.org/', tier: 'primary' };
const reported = { source, reportedAt: '2025-04-02' };

/** A party registered for this request only (its parent too, linked when `linked`), so state never decides an answer. */
async function freshParty(ledger: TestLedger, options: { parent?: 'registered' | 'linked' } = {}): Promise<{ partyId: string; parentId: string }> {
  const partyId = `hostile-party-${++parties}`;
  const parentId = `${partyId}-parent`;
  const register = (id: string) => ledger.http().post('/parties').send({ partyId: id, name: `Party ${id}`, kind: 'company', ...reported }).expect(201);
  await register(partyId);
  if (options.parent) await register(parentId);
  if (options.parent === 'linked') await ledger.http().post(`/parties/${partyId}/parents`).send({ parentId, effectiveAt: '2022-06-01', ...reported }).expect(201);
  return { partyId, parentId };
}

/** Each party command route, with a valid body (every optional member given, so each is spoiled too). */
export function partyFixtures(): Record<string, PartyWriteFixture> {
  return {
    'POST /parties': {
      validStatus: 201,
      prepare: async () => ({
        path: '/parties',
        body: { partyId: `hostile-new-party-${++parties}`, name: 'Iwatani', kind: 'company', country: 'JP', lei: '506700GE1G29325QX363', ...reported },
      }),
    },
    'POST /parties/{partyId}/renames': {
      validStatus: 201,
      prepare: async (ledger) => ({ path: `/parties/${(await freshParty(ledger)).partyId}/renames`, body: { name: 'Iwatani Corporation', effectiveAt: '2025-04-01', ...reported } }),
    },
    'POST /parties/{partyId}/aliases': {
      validStatus: 201,
      prepare: async (ledger) => ({ path: `/parties/${(await freshParty(ledger)).partyId}/aliases`, body: { alias: 'Iwatani', effectiveAt: '2025-04-01', ...reported } }),
    },
    'POST /parties/{partyId}/parents': {
      validStatus: 201,
      async prepare(ledger) {
        const { partyId, parentId } = await freshParty(ledger, { parent: 'registered' });
        return { path: `/parties/${partyId}/parents`, body: { parentId, effectiveAt: '2022-06-01', ...reported } };
      },
    },
    'POST /parties/{partyId}/parents/{parentId}/end': {
      validStatus: 201,
      async prepare(ledger) {
        const { partyId, parentId } = await freshParty(ledger, { parent: 'linked' });
        return { path: `/parties/${partyId}/parents/${parentId}/end`, body: { effectiveAt: '2025-12-31', ...reported } };
      },
    },
  };
}
