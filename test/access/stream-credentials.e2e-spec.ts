import { JwtService } from '@nestjs/jwt';
import type { SseMessage } from '#client';
import { openRawStream, until, type RawStream } from '../subscriptions/support/raw-sse.js';
import { startStreamingLedger, type StreamingLedger } from '../subscriptions/support/streaming-ledger.js';
import { referenceDealLines, routeOf } from '../support/reference-deal.js';
import { bearer, ROLE_KEYS, tempDataDir } from '../support/test-ledger.js';

/**
 * An event stream lives no longer than the credential it was opened with: a revoked key
 * or an expired token ends it with `event: end` reason `revoked`, and a reconnect with
 * it is refused. Every stream opened, and every page of a deal's events, is in the
 * access log; a token cannot take the name of an API key.
 */
const SECRET = 'a-shared-secret-of-more-than-32-bytes!!';
const JWT = { algorithm: 'HS256' as const, keys: [SECRET], issuer: 'https://idp.example', audience: 'deal-ledger', rolesClaim: 'roles', clockToleranceSeconds: 0 };
const token = (claims: Record<string, unknown>, expiresInSeconds: number) =>
  new JwtService().sign(claims, { secret: SECRET, algorithm: 'HS256', issuer: JWT.issuer, audience: JWT.audience, expiresIn: expiresInSeconds });

describe('event streams and the credentials they were opened with', () => {
  const data = tempDataDir();
  let ledger: StreamingLedger;
  const open: RawStream[] = [];

  beforeAll(async () => {
    ledger = await startStreamingLedger({ dataDir: data.dir, jwt: JWT });
    const register = referenceDealLines()[0]!;
    await ledger.http().post(routeOf(register)).send(register.body).expect(201);
  });
  afterAll(async () => {
    for (const stream of open) stream.destroy();
    await ledger.close();
    data.remove();
  });

  const endOf = (stream: RawStream): SseMessage | undefined => stream.messages.find((m) => m.event === 'end');
  async function subscribe(key: string): Promise<RawStream> {
    const stream = await openRawStream(`${ledger.url}/subscriptions/events?from=start`, bearer(key));
    open.push(stream);
    return stream;
  }

  it('ends a stream when its API key is revoked, and refuses the key on reconnect', async () => {
    const issued = await ledger.http().post('/admin/keys').send({ name: 'risk-engine', roles: ['subscriber'] }).expect(201);
    const key = issued.body.key as string;
    await until(() => ledger.apiKeys.principalFor(key) !== undefined, 5000, 'the key to be followed');
    const revoked = await subscribe(key);
    const bystander = await subscribe(ROLE_KEYS.subscriber);
    await until(() => revoked.messages.some((m) => m.event !== 'end' && m.data !== ''), 5000, 'the first event');

    await ledger.http().delete(`/admin/keys/${issued.body.keyId}`).send({ reason: 'leaked' }).expect(200);
    await until(() => endOf(revoked) !== undefined, 5000, 'the end of the revoked stream');
    expect(JSON.parse(endOf(revoked)!.data)).toMatchObject({ reason: 'revoked' });
    await revoked.ended;
    await expect(subscribe(key)).rejects.toMatchObject({ status: 401 });
    // A stream opened with another key is untouched.
    expect(endOf(bystander)).toBeUndefined();
    expect(bystander.response.destroyed).toBe(false);
  });

  it('ends a stream when its token expires', async () => {
    const stream = await subscribe(token({ sub: 'jwt-subscriber', roles: ['subscriber'] }, 2));
    await until(() => endOf(stream) !== undefined, 10_000, 'the end of the stream at the token’s expiry');
    expect(JSON.parse(endOf(stream)!.data)).toMatchObject({ reason: 'revoked', message: expect.stringContaining('expired') });
  });

  it('refuses a token whose subject is the name of an API key: it could act as that key', async () => {
    const answer = await ledger.anonymous().get('/subscriptions/durable').set(bearer(token({ sub: 'subscriber-1', roles: ['subscriber'] }, 60)));
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 401, code: 'AUTH.TOKEN_INVALID' });
  });

  it('logs each stream opened and each page of a deal’s events, but not a following stream twice', async () => {
    await ledger.anonymous().get('/deals/caremag-2025/events?limit=5').set(bearer(ROLE_KEYS.auditor)).expect(200);
    const following = await openRawStream(`${ledger.url}/deals/caremag-2025/events?follow=true`, bearer(ROLE_KEYS.auditor));
    open.push(following);
    following.destroy();
    await following.ended;
    const log = await ledger.http().get('/admin/access-log?actor=auditor-1&kind=events&order=oldest').expect(200);
    expect(log.body.items.map((e: { resource: string; dealId: string; status: number }) => [e.resource, e.dealId, e.status])).toEqual([
      ['/deals/caremag-2025/events?limit=5', 'caremag-2025', 200],
      ['/deals/caremag-2025/events?follow=true', 'caremag-2025', 200],
    ]);
    const streams = await ledger.http().get('/admin/access-log?actor=risk-engine&kind=events').expect(200);
    expect(streams.body.items.map((e: { resource: string }) => e.resource)).toEqual(['/subscriptions/events?from=start']);
  });
});
