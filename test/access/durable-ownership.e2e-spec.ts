import { ROLE_KEYS, bearer, startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';
import { until } from '../subscriptions/support/raw-sse.js';

/**
 * A durable subscription is its creator's: another subscriber is told it does not exist
 * (404, exactly as for a name never used) and cannot take its name; an admin reaches it;
 * parked events are for admins only, even the creator's.
 */
describe('durable subscriptions belong to their creator', () => {
  const data = tempDataDir();
  let ledger: TestLedger;
  /** A second subscriber identity, `subscriber-2`, issued through the API. */
  let otherKey: string;

  const as = (key: string) => {
    const agent = ledger.anonymous();
    return {
      get: (path: string) => agent.get(path).set(bearer(key)).timeout({ deadline: 10_000 }),
      delete: (path: string) => agent.delete(path).set(bearer(key)),
      post: (path: string, body: object) => agent.post(path).set(bearer(key)).send(body),
    };
  };
  const owner = () => as(ROLE_KEYS.subscriber);
  const other = () => as(otherKey);
  const admin = () => as(ROLE_KEYS.admin);

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
    const issued = await ledger.anonymous().post('/admin/keys').set(bearer(ROLE_KEYS.admin)).send({ name: 'subscriber-2', roles: ['subscriber'] });
    expect(issued.status).toBe(201);
    otherKey = issued.body.key;
    // Issued keys reach the server's registry by following the `access-keys` stream.
    await until(() => ledger.apiKeys.principalFor(otherKey) !== undefined, 10_000, 'the issued key');

    const created = await owner().post('/subscriptions/durable', { name: 'risk', filter: { categories: ['deal'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'risk', createdBy: 'subscriber-1' });
    await other().post('/subscriptions/durable', { name: 'mine' }).expect(201);
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it('another subscriber gets 404 SUBSCRIPTION.NOT_FOUND on every route of it, as for a name never used', async () => {
    const attempts = {
      get: (name: string) => other().get(`/subscriptions/durable/${name}`),
      delete: (name: string) => other().delete(`/subscriptions/durable/${name}`),
      ack: (name: string) => other().post(`/subscriptions/durable/${name}/ack`, { cursors: ['1'] }),
      nack: (name: string) => other().post(`/subscriptions/durable/${name}/nack`, { cursor: '1' }),
      // Refused before the stream opens.
      events: (name: string) => other().get(`/subscriptions/durable/${name}/events`),
    };
    const answers: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const [route, attempt] of Object.entries(attempts)) {
      const risk = await attempt('risk');
      const unknown = await attempt('never-created');
      answers[route] = { status: risk.status, code: risk.body.code, message: risk.body.message?.replace('risk', '<name>') };
      expected[route] = { status: 404, code: 'SUBSCRIPTION.NOT_FOUND', message: unknown.body.message?.replace('never-created', '<name>') };
    }
    expect(answers).toEqual(expected);
    // It is still there for its creator.
    const kept = await owner().get('/subscriptions/durable/risk');
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ name: 'risk', createdBy: 'subscriber-1' });
  });

  it('another subscriber does not see it listed', async () => {
    const theirs = await other().get('/subscriptions/durable').expect(200);
    expect(theirs.body.items.map((s: { name: string }) => s.name)).toEqual(['mine']);
    const ours = await owner().get('/subscriptions/durable').expect(200);
    expect(ours.body.items.map((s: { name: string }) => s.name)).toEqual(['risk']);
  });

  it('another subscriber cannot take its name: 409, whatever the definition', async () => {
    for (const body of [{ name: 'risk', filter: { categories: ['deal'] } }, { name: 'risk' }]) {
      const response = await other().post('/subscriptions/durable', body);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 409, code: 'SUBSCRIPTION.ALREADY_EXISTS' });
    }
    const unchanged = await owner().get('/subscriptions/durable/risk').expect(200);
    expect(unchanged.body).toMatchObject({ createdBy: 'subscriber-1', filter: { categories: ['deal'] } });
  });

  it('parked events are for admins: 403 to subscribers, the creator included', async () => {
    for (const attempt of [
      () => owner().get('/subscriptions/durable/risk/parked'),
      () => owner().post('/subscriptions/durable/risk/parked/replay', {}),
      () => other().get('/subscriptions/durable/risk/parked'),
      () => other().post('/subscriptions/durable/risk/parked/replay', {}),
    ]) {
      const response = await attempt();
      expect({ status: response.status, code: response.body.code, required: response.body.details?.required }).toEqual({
        status: 403,
        code: 'AUTH.FORBIDDEN',
        required: 'admin',
      });
    }
    const parked = await admin().get('/subscriptions/durable/risk/parked');
    expect(parked.status).toBe(200);
    expect(parked.body.items).toEqual([]);
  });

  it('an admin sees every subscription and can delete one it did not create', async () => {
    const all = await admin().get('/subscriptions/durable').expect(200);
    expect(all.body.items.map((s: { name: string; createdBy: string }) => [s.name, s.createdBy]).sort()).toEqual([
      ['mine', 'subscriber-2'],
      ['risk', 'subscriber-1'],
    ]);
    await admin().get('/subscriptions/durable/risk').expect(200);
    await admin().delete('/subscriptions/durable/risk').expect(204);
    const gone = await owner().get('/subscriptions/durable/risk');
    expect({ status: gone.status, code: gone.body.code }).toEqual({ status: 404, code: 'SUBSCRIPTION.NOT_FOUND' });
    // Deleted, the name is free again.
    await other().post('/subscriptions/durable', { name: 'risk' }).expect(201);
  });
});
