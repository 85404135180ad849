import { join } from 'node:path';
import { signLedgerCheckpoint } from '#application';
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
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it('answers that the store is intact, with positions as cursors', async () => {
    const { body } = await ledger.http().get('/audit/verify').expect(200);
    expect(body).toMatchObject({ ok: true, upTo: '12', events: 12, streams: 1, checkpoints: [], checkpointsFound: 0 });
    expect(body.problem).toBeUndefined();
    expect(Date.parse(body.checkedAt)).not.toBeNaN();
  });

  it('lists the signed checkpoints it checked, without the server’s file paths', async () => {
    const signed = await signLedgerCheckpoint(ledger.runtime.store, ledger.runtime.tamperEvidence, { actor: 'test', now: () => new Date() });
    expect(signed.ok).toBe(true);
    const { body } = await ledger.http().get('/audit/verify').expect(200);
    expect(body).toMatchObject({
      ok: true,
      upTo: '13',
      checkpoints: [{ position: '12', keyId: signed.key.keyId, sources: ['ledger-checkpoints@0', 'checkpoints/12.json'] }],
      trustedKeyId: signed.key.keyId,
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
});
