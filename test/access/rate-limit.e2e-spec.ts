import { referenceDealLines } from '../support/reference-deal.js';
import { ROLE_KEYS, bearer, startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';
import { openRawStream, until, type RawStream } from '../subscriptions/support/raw-sse.js';
import { startStreamingLedger, type StreamingLedger } from '../subscriptions/support/streaming-ledger.js';

/**
 * Limits are per verified identity: one caller's burst (or its pile of open event streams)
 * is refused with 429 and Retry-After, while every other caller carries on.
 */

const expectRateLimited = (response: { status: number; body: { code?: string }; headers: Record<string, string> }, code: string) => {
  expect({ status: response.status, code: response.body.code }).toEqual({ status: 429, code });
  expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
};

describe('requests per identity', () => {
  const data = tempDataDir();
  let ledger: TestLedger;
  const as = (role: keyof typeof ROLE_KEYS) => ({ get: (path: string) => ledger.anonymous().get(path).set(bearer(ROLE_KEYS[role])) });

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir, rateLimit: { limit: 5, windowMs: 60_000 } });
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it('the sixth request of an identity in the window gets 429 REQUEST.RATE_LIMITED; another identity is served', async () => {
    for (let i = 1; i <= 5; i += 1) {
      await as('viewer').get('/deals').expect(200);
      // Interleaved: the auditor's allowance is its own.
      if (i <= 3) await as('auditor').get('/deals').expect(200);
    }
    expectRateLimited(await as('viewer').get('/deals'), 'REQUEST.RATE_LIMITED');
    await as('auditor').get('/deals').expect(200);
    await as('auditor').get('/deals').expect(200);
  });

  it('the limit is the identity\'s, across routes: its other reads are refused too', async () => {
    expectRateLimited(await as('viewer').get('/deals/caremag-2025'), 'REQUEST.RATE_LIMITED');
    expectRateLimited(await as('viewer').get('/deals?limit=1'), 'REQUEST.RATE_LIMITED');
    // Who may not call a route at all hears that first (403), not how often it may.
    const forbidden = await ledger.anonymous().post('/deals').set(bearer(ROLE_KEYS.viewer)).send({});
    expect({ status: forbidden.status, code: forbidden.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
  });

  it('never limits /health: a load balancer probes it from one address, many times', async () => {
    for (let i = 0; i < 12; i += 1) await ledger.anonymous().get('/health').expect(200);
  });

  it('a writer past its limit on reads cannot write either, and nothing is recorded', async () => {
    for (let i = 0; i < 5; i += 1) await as('writer').get('/deals').expect(200);
    const before = await ledger.runtime.store.headPosition();
    const { commandId: _unused, ...register } = referenceDealLines()[0]!.body as Record<string, unknown>;
    const write = await ledger.anonymous().post('/deals').set(bearer(ROLE_KEYS.writer)).send(register);
    expectRateLimited(write, 'REQUEST.RATE_LIMITED');
    expect(await ledger.runtime.store.headPosition()).toBe(before);
    // Someone else writes the same deal meanwhile.
    await ledger.http().post('/deals').send(register).expect(201);
  });
});

describe('open event streams per identity', () => {
  const data = tempDataDir();
  let ledger: StreamingLedger;
  const open: RawStream[] = [];

  const stream = async (role: keyof typeof ROLE_KEYS) => {
    const opened = await openRawStream(`${ledger.url}/subscriptions/events`, bearer(ROLE_KEYS[role]));
    open.push(opened);
    return opened;
  };
  /** A stream that should be refused: supertest gives the status, the body and the headers. */
  const refused = (path: string, role: keyof typeof ROLE_KEYS) =>
    ledger.anonymous().get(path).set(bearer(ROLE_KEYS[role])).set('Accept', 'text/event-stream').timeout({ deadline: 10_000 });

  beforeAll(async () => {
    ledger = await startStreamingLedger({ dataDir: data.dir, subscriptions: { maxStreamsPerIdentity: 2, heartbeatMs: 200 } });
  });

  afterAll(async () => {
    for (const s of open) s.destroy();
    await ledger.close();
    data.remove();
  });

  it('refuses a third stream of one identity with 429 SUBSCRIPTION.TOO_MANY_STREAMS until one closes', async () => {
    const first = await stream('subscriber');
    await stream('subscriber');
    expectRateLimited(await refused('/subscriptions/events', 'subscriber'), 'SUBSCRIPTION.TOO_MANY_STREAMS');

    // A durable consumer counts against the same bound.
    await ledger.anonymous().post('/subscriptions/durable').set(bearer(ROLE_KEYS.subscriber)).send({ name: 'bounded' }).expect(201);
    expectRateLimited(await refused('/subscriptions/durable/bounded/events', 'subscriber'), 'SUBSCRIPTION.TOO_MANY_STREAMS');

    // Another identity is not held back by the subscriber's streams.
    const other = await stream('auditor');
    expect(other.response.statusCode).toBe(200);

    // Closing one frees its slot (as soon as the server sees the socket go).
    first.destroy();
    await first.ended;
    let reopened: RawStream | undefined;
    await until(
      async () => {
        try {
          reopened = await stream('subscriber');
          return true;
        } catch (error) {
          if ((error as { status?: number }).status !== 429) throw error;
          return false;
        }
      },
      10_000,
      'a freed stream slot',
    );
    expect(reopened!.response.statusCode).toBe(200);
    expect(reopened!.response.headers['content-type']).toMatch(/^text\/event-stream/);
    // And the bound holds again with two open.
    expectRateLimited(await refused('/subscriptions/events', 'subscriber'), 'SUBSCRIPTION.TOO_MANY_STREAMS');
  });
});
