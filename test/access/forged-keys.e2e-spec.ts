import { randomUUID } from 'node:crypto';
import { ACCESS_KEYS_STREAM, hashApiKey, KEY_SIGNATURE } from '#application';
import { eventually } from '../../libs/event-store/src/testing/eventually.js';
import { bearer, startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';

/**
 * Issue 17, item 1 (the ledger's side): write access to the store must not become ledger
 * admin. A key issued through the ledger works; an `ApiKeyIssued.v1` written straight into
 * the store, with a signature the ledger's key did not make, is refused: its key answers 401.
 */
describe('an API key forged in the store', () => {
  const data = tempDataDir();
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
  });
  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it('is refused, while a key the ledger issued works', async () => {
    const issued = await ledger.http().post('/admin/keys').send({ name: 'genuine-admin', roles: ['admin'] }).expect(201);
    const [genuineEvent] = await ledger.runtime.store.readStream(ACCESS_KEYS_STREAM);
    expect(typeof genuineEvent!.metadata[KEY_SIGNATURE]).toBe('string');
    await eventually(() => ledger.apiKeys.principalFor(issued.body.key) !== undefined);
    await ledger.anonymous().get('/admin/keys').set(bearer(issued.body.key)).expect(200);

    const forgedKey = 'dl_forged-in-the-store-00000000000000000000000000';
    const id = randomUUID();
    await ledger.runtime.store.append(
      ACCESS_KEYS_STREAM,
      [
        {
          eventId: id,
          type: 'ApiKeyIssued.v1',
          data: { keyId: 'key-forged', name: 'intruder', roles: ['admin'], sha256: hashApiKey(forgedKey) },
          // The genuine event's signature, over another event: a forger cannot make one.
          metadata: { actor: 'genuine-admin', commandId: id, correlationId: id, causationId: id, [KEY_SIGNATURE]: genuineEvent!.metadata[KEY_SIGNATURE] },
        },
      ],
      'any',
    );
    await eventually(() => ledger.apiKeys.refused.length === 1);
    expect(ledger.apiKeys.refused[0]).toMatchObject({ eventId: id, type: 'ApiKeyIssued.v1', why: expect.stringMatching(/signature/) });
    await ledger.anonymous().get('/admin/keys').set(bearer(forgedKey)).expect(401);
    const listed = await ledger.http().get('/admin/keys').expect(200);
    expect(listed.body.items.map((k: { name: string }) => k.name)).toEqual(['genuine-admin']);
  });
});
