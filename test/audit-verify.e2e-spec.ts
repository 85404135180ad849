import { join } from 'node:path';
import { commandOf, recordCommands } from '#testing';
import { SqliteTamperer } from '../libs/event-store/src/testing/sqlite-tamper.js';
import { referenceDealLines } from './support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from './support/test-ledger.js';

/** GET /audit/verify over real HTTP on a real SQLite file, before and after an edit behind the store's back. */
describe('GET /audit/verify', () => {
  const data = tempDataDir();
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
    await recordCommands(ledger.runtime.store, referenceDealLines().map(commandOf));
    await ledger.runtime.transparency.log.follower.catchUp();
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it('answers that the ledger is intact, with positions as cursors and the root of its tree', async () => {
    const { body } = await ledger.http().get('/audit/verify').expect(200);
    expect(body).toMatchObject({ ok: true, upTo: '12', events: 12, streams: 1, checkpoints: [], checkpointsFound: 0, notYetCheckpointed: 12 });
    expect(body.root).toBe(ledger.runtime.transparency.log.tree.root(12).toString('base64'));
    expect(body.problem).toBeUndefined();
    expect(Date.parse(body.checkedAt)).not.toBeNaN();
  });

  it('lists the signed checkpoints it checked, with the ledger key they were checked with', async () => {
    const signed = await ledger.runtime.signing.checkpoints.sign();
    expect(signed).toHaveProperty('signed.treeSize', 12);
    const { body } = await ledger.http().get('/audit/verify').expect(200);
    expect(body).toMatchObject({
      ok: true,
      upTo: '12',
      checkpoints: [{ treeSize: 12, root: body.root, cosigners: [] }],
      ledgerKeys: [ledger.runtime.signing.signer.vkey],
      notYetCheckpointed: 0,
    });
    expect(JSON.stringify(body)).not.toContain(data.dir);
  });

  it('names the altered event once a payload is edited in the file', async () => {
    const tamperer = new SqliteTamperer(join(data.dir, 'events.sqlite'));
    const row = tamperer.row(3);
    tamperer.flipPayloadByte(3);
    tamperer.close();
    const { body } = await ledger.http().get('/audit/verify').expect(200);
    expect(body).toMatchObject({
      ok: false,
      problem: {
        code: 'CHAIN.HASH_MISMATCH',
        streamId: 'deal-caremag-2025',
        revision: 2,
        position: '3',
        eventId: row.event_id,
        foundHash: row.hash,
        expectedHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it('names an event whose stored JSON no longer parses, answering 200 all the same', async () => {
    const tamperer = new SqliteTamperer(join(data.dir, 'events.sqlite'));
    tamperer.setColumn(2, 'data', '{"title": "Car');
    tamperer.close();
    const { body } = await ledger.http().get('/audit/verify').expect(200);
    expect(body).toMatchObject({ ok: false, problem: { code: 'CHAIN.UNREADABLE_EVENT', streamId: 'deal-caremag-2025', revision: 1, position: '2' } });
  });
});
