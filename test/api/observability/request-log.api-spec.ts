import { bearer, WRITER_KEY } from '../../support/test-ledger.js';
import { smallDeal } from '../../support/small-deal.js';
import { useApiLedger } from '../support/api-ledger.js';
import { freshDealId } from '../support/fresh-deal.js';
import { capturedLog } from '../../support/captured-log.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the JSON request log', () => {
  const log = capturedLog();
  const ledger = useApiLedger({ log: log.logger });
  const requestLine = (requestId: string) => {
    const found = log.lines().filter((line) => line.requestId === requestId);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('writes one line per request: the caller\'s request id (echoed), the actor, the route pattern, the status and the duration', async () => {
    const dealId = freshDealId('log');
    const response = await ledger.current.http().post('/deals').set('X-Request-Id', 'ingest-7f3a.42').send(smallDeal(dealId)).expect(201);
    expect(response.headers['x-request-id']).toBe('ingest-7f3a.42');

    const line = requestLine('ingest-7f3a.42');
    expect(line).toMatchObject({ level: 'info', msg: 'request answered', method: 'POST', route: '/deals', status: 201, actor: 'analyst-1', service: 'deal-ledger' });
    expect(typeof line.durationMs).toBe('number');
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
  });

  it('gives a request without an id a new one, and logs the route with its parameters, never the ids in the URL', async () => {
    const dealId = freshDealId('log');
    await ledger.current.http().post('/deals').send(smallDeal(dealId)).expect(201);
    const response = await ledger.current.http().get(`/deals/${dealId}`).expect(200);
    const requestId = response.headers['x-request-id'] as string;
    expect(requestId).toMatch(UUID);
    const line = requestLine(requestId);
    expect(line).toMatchObject({ method: 'GET', route: '/deals/:dealId', status: 200, actor: 'analyst-1' });
    expect(JSON.stringify(line)).not.toContain(dealId);
  });

  it('never writes a credential: not the API key of an accepted call, nor the JWT-looking token of a refused one', async () => {
    const jwtLike = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlLW5vdC12YWxpZA';
    const refused = await ledger.current.anonymous().get('/deals').set('Authorization', `Bearer ${jwtLike}`).expect(401);
    const line = requestLine(refused.headers['x-request-id'] as string);
    expect(line).toMatchObject({ route: '/deals', status: 401 });
    expect(line.actor).toBeUndefined();
    await ledger.current.anonymous().get('/deals').set(bearer(WRITER_KEY)).expect(200);

    const text = log.text();
    expect(text).not.toContain(WRITER_KEY);
    expect(text).not.toContain(jwtLike);
    expect(text).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(text.toLowerCase()).not.toContain('authorization');
  });

  it('replaces a request id that is not a plain token (it could forge log lines), and answers with the new one', async () => {
    const response = await ledger.current.anonymous().get('/health/live').set('X-Request-Id', 'x","level":"fatal').expect(200);
    expect(response.body).toEqual({ status: 'alive' });
    expect(response.headers['x-request-id']).toMatch(UUID);
    // Probes are logged at debug: out of the way at the default level.
    expect(requestLine(response.headers['x-request-id'] as string)).toMatchObject({ level: 'debug', route: '/health/live', status: 200 });
    expect(log.lines().some((line) => line.level === 'fatal')).toBe(false);
  });
});

describe('a ledger given no logger (tests, by default)', () => {
  const ledger = useApiLedger();

  it('writes nothing and sets no request id header', async () => {
    const response = await ledger.current.anonymous().get('/health/live').expect(200);
    expect(response.headers['x-request-id']).toBeUndefined();
  });
});
