import { JwtService } from '@nestjs/jwt';
import { laterHypotheticalLines, REFERENCE_DEAL_ID, referenceDealLines, routeOf } from '../support/reference-deal.js';
import { ROLE_KEYS, bearer, startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';

/**
 * The actor on an event is the verified caller, and nothing a caller sends can change it:
 * not identity-looking headers, not an `actor` in the body (refused, nothing written), not
 * an `actor` claim beside a token's `sub`.
 */

const SECRET = 'actor-spoofing-secret-of-at-least-32-bytes';
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'deal-ledger';

const SPOOFING_HEADERS = {
  'X-Actor': 'mallory',
  'X-User': 'mallory',
  'X-Forwarded-User': 'mallory',
  From: 'mallory@example.com',
};

describe('the recorded actor cannot be spoofed', () => {
  const data = tempDataDir();
  let ledger: TestLedger;

  const actorsOf = async (dealId: string): Promise<string[]> => {
    const response = await ledger.http().get(`/deals/${dealId}/events`).query({ limit: 1000 }).expect(200);
    return response.body.events.map((event: { metadata: { actor: string } }) => event.metadata.actor);
  };

  /** The reference deal's RegisterDeal body, under another deal id. */
  const registerBody = (dealId: string) => {
    const { commandId: _unused, ...body } = referenceDealLines()[0]!.body as Record<string, unknown>;
    return { ...body, dealId };
  };

  beforeAll(async () => {
    ledger = await startTestLedger({
      dataDir: data.dir,
      jwt: { algorithm: 'HS256', keys: [SECRET], issuer: ISSUER, audience: AUDIENCE, rolesClaim: 'roles', clockToleranceSeconds: 0 },
    });
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it('identity headers are ignored: every event a writer records carries the writer key\'s actor', async () => {
    // Every kind of write: registration, each fact, revisions and a correction.
    const lines = [...referenceDealLines(), ...laterHypotheticalLines()];
    for (const line of lines) {
      const response = await ledger.anonymous().post(routeOf(line)).set(bearer(ROLE_KEYS.writer)).set(SPOOFING_HEADERS).send(line.body);
      expect({ command: line.commandId, status: response.status }).toEqual({ command: line.commandId, status: 201 });
    }
    const actors = await actorsOf(REFERENCE_DEAL_ID);
    expect(actors.length).toBeGreaterThanOrEqual(lines.length);
    expect(new Set(actors)).toEqual(new Set(['writer-1']));
  });

  it.each([
    ['actor', { actor: 'mallory' }],
    ['metadata', { metadata: { actor: 'mallory' } }],
  ])('a body field `%s` is refused with 400 naming it, and nothing is written', async (field, extra) => {
    const before = await ledger.runtime.store.headPosition();
    const register = await ledger.anonymous().post('/deals').set(bearer(ROLE_KEYS.writer)).send({ ...registerBody('spoofed-deal'), ...extra });
    expect(register.status).toBe(400);
    expect(register.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', field });
    expect(register.body.errors.map((e: { field: string }) => e.field)).toContain(field);

    // The same on a fact of an existing deal.
    const note = referenceDealLines().find((line) => line.command === 'RecordNote')!;
    const { commandId: _unused, ...noteBody } = note.body as Record<string, unknown>;
    const fact = await ledger
      .anonymous()
      .post(routeOf(note))
      .set(bearer(ROLE_KEYS.writer))
      .send({ ...noteBody, noteId: 'spoofed-note', ...extra });
    expect(fact.status).toBe(400);
    expect(fact.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', field });
    expect(fact.body.errors.map((e: { field: string }) => e.field)).toContain(field);

    expect(await ledger.runtime.store.headPosition()).toBe(before);
    await ledger.http().get('/deals/spoofed-deal').expect(404);
  });

  it('a JWT records its `sub`, not an `actor` claim beside it', async () => {
    const token = new JwtService().sign(
      { sub: 'jwt-writer', actor: 'mallory', roles: ['writer'] },
      { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, expiresIn: 300 },
    );
    await ledger.anonymous().post('/deals').set(bearer(token)).set(SPOOFING_HEADERS).send(registerBody('jwt-deal')).expect(201);
    expect(await actorsOf('jwt-deal')).toEqual(['jwt-writer']);
  });
});
