import { generateKeyPairSync } from 'node:crypto';
import { JwtService, type JwtSignOptions } from '@nestjs/jwt';
import { loadConfig, type JwtSettings } from '#runtime';
import { referenceDealLines } from '../support/reference-deal.js';
import { bearer, startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';

/**
 * Bearer JWTs, for each algorithm the ledger accepts: a valid token writes as its `sub`;
 * a token from another issuer, for another audience, without or past its expiry, not yet
 * valid, unsigned, or signed under another algorithm is refused before any route runs.
 */

const ISSUER = 'https://issuer.example';
const AUDIENCE = 'deal-ledger';
const HS_SECRET = 'jwt-test-secret-that-is-at-least-32-bytes-long';
const jwt = new JwtService();
const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

const pemPair = (type: 'rsa' | 'ec'): { publicKey: string; privateKey: string } => {
  const publicKeyEncoding = { type: 'spki', format: 'pem' } as const;
  const privateKeyEncoding = { type: 'pkcs8', format: 'pem' } as const;
  return type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding, privateKeyEncoding })
    : generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding, privateKeyEncoding });
};

interface Scheme {
  algorithm: JwtSettings['algorithm'];
  /** What the ledger verifies with. */
  verifyKey: string;
  /** How a token issuer signs (the secret, or the private key). */
  signing: JwtSignOptions;
  /** A key the ledger does not know, with the same algorithm. */
  otherSigning: JwtSignOptions;
}

const rsa = pemPair('rsa');
const ec = pemPair('ec');
const schemes: Scheme[] = [
  {
    algorithm: 'HS256',
    verifyKey: HS_SECRET,
    signing: { algorithm: 'HS256', secret: HS_SECRET },
    otherSigning: { algorithm: 'HS256', secret: 'another-secret-that-is-also-32-bytes-long!!' },
  },
  {
    algorithm: 'RS256',
    verifyKey: rsa.publicKey,
    signing: { algorithm: 'RS256', privateKey: rsa.privateKey },
    otherSigning: { algorithm: 'RS256', privateKey: pemPair('rsa').privateKey },
  },
  {
    algorithm: 'ES256',
    verifyKey: ec.publicKey,
    signing: { algorithm: 'ES256', privateKey: ec.privateKey },
    otherSigning: { algorithm: 'ES256', privateKey: pemPair('ec').privateKey },
  },
];

/** The reference deal's RegisterDeal body, under another deal id. */
const registerBody = (dealId: string) => {
  const { commandId: _unused, ...body } = referenceDealLines()[0]!.body as Record<string, unknown>;
  return { ...body, dealId };
};

describe.each(schemes)('bearer JWTs with $algorithm', (scheme) => {
  const data = tempDataDir();
  let ledger: TestLedger;

  /** Signed with the issuer's key, for this ledger; no expiry unless the claims or options give one. */
  const signed = (claims: Record<string, unknown>, options: JwtSignOptions = {}, signing = scheme.signing) =>
    jwt.sign(claims, { issuer: ISSUER, audience: AUDIENCE, ...signing, ...options });
  /** A token as the issuer would sign it, valid for five minutes; `options` overrides issuer or audience. */
  const token = (claims: Record<string, unknown>, options: JwtSignOptions = {}, signing = scheme.signing) =>
    signed(claims, { expiresIn: 300, ...options }, signing);

  const write = (credential: string, dealId: string) => ledger.anonymous().post('/deals').set(bearer(credential)).send(registerBody(dealId));

  /** 401 with `code`, for the reason expected (the message names it), and nothing written. */
  const refusedWith = async (credential: string, code: string, reason: RegExp) => {
    const response = await write(credential, 'never-written');
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code });
    expect(response.body.message).toMatch(reason);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  };

  beforeAll(async () => {
    ledger = await startTestLedger({
      dataDir: data.dir,
      jwt: { algorithm: scheme.algorithm, keys: [scheme.verifyKey], issuer: ISSUER, audience: AUDIENCE, rolesClaim: 'roles', clockToleranceSeconds: 0 },
    });
  });

  afterAll(async () => {
    // Whatever was refused left no deal behind.
    const refused = await ledger.http().get('/deals/never-written');
    expect(refused.status).toBe(404);
    await ledger.close();
    data.remove();
  });

  it('a valid writer token records a fact whose actor is the token subject', async () => {
    const dealId = `jwt-${scheme.algorithm.toLowerCase()}`;
    const response = await write(token({ sub: 'svc-ingest', roles: ['writer'] }), dealId);
    expect(response.status).toBe(201);
    const events = await ledger.http().get(`/deals/${dealId}/events`).expect(200);
    expect(events.body.events.map((e: { metadata: { actor: string } }) => e.metadata.actor)).toEqual(['svc-ingest']);
  });

  it('refuses a token from another issuer or for another audience', async () => {
    await refusedWith(token({ sub: 'svc', roles: ['writer'] }, { issuer: 'https://elsewhere.example' }), 'AUTH.TOKEN_INVALID', /issuer/);
    await refusedWith(token({ sub: 'svc', roles: ['writer'] }, { audience: 'another-service' }), 'AUTH.TOKEN_INVALID', /audience/);
  });

  it('refuses a token without an expiry, and one past it', async () => {
    await refusedWith(signed({ sub: 'svc', roles: ['writer'] }), 'AUTH.TOKEN_INVALID', /expiry/);
    await refusedWith(signed({ sub: 'svc', roles: ['writer'], iat: now() - 120, exp: now() - 60 }), 'AUTH.TOKEN_EXPIRED', /expired/);
  });

  it('refuses a token that is not valid yet (nbf in the future)', async () => {
    await refusedWith(token({ sub: 'svc', roles: ['writer'], nbf: now() + 300 }), 'AUTH.TOKEN_INVALID', /not active/);
  });

  it('refuses a token signed with a key it does not know', async () => {
    await refusedWith(token({ sub: 'svc', roles: ['writer'] }, {}, scheme.otherSigning), 'AUTH.TOKEN_INVALID', /signature/);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const claims = { sub: 'svc', roles: ['writer'], iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 300 };
    await refusedWith(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`, 'AUTH.TOKEN_INVALID', /signature is required/);
  });

  it('refuses a token under another algorithm (no HS/RS confusion)', async () => {
    const claims = { sub: 'svc', roles: ['writer'] };
    if (scheme.algorithm === 'HS256') {
      // An RS256 token, correctly signed by its own key: still not the algorithm this ledger takes.
      await refusedWith(token(claims, {}, { algorithm: 'RS256', privateKey: rsa.privateKey }), 'AUTH.TOKEN_INVALID', /algorithm/);
    } else {
      // The classic forgery: HMAC with the (public) verification key as the secret.
      await refusedWith(token(claims, {}, { algorithm: 'HS256', secret: scheme.verifyKey }), 'AUTH.TOKEN_INVALID', /algorithm/);
    }
  });

  it('a token without roles authenticates but may not write: 403', async () => {
    const response = await write(token({ sub: 'svc-no-roles' }), 'never-written');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'AUTH.FORBIDDEN', details: { required: 'facts:write', roles: [] } });
  });
});

describe('JWT configuration from the environment', () => {
  const hs = { LEDGER_JWT_ALGORITHM: 'HS256', LEDGER_JWT_ISSUER: ISSUER, LEDGER_JWT_AUDIENCE: AUDIENCE, LEDGER_JWT_SECRET: HS_SECRET };

  it('loads a complete HS256 setting', () => {
    expect(loadConfig(hs).jwt).toMatchObject({ algorithm: 'HS256', keys: [HS_SECRET], issuer: ISSUER, audience: AUDIENCE, rolesClaim: 'roles' });
  });

  it('refuses a missing issuer or audience, a short secret, an unknown algorithm, naming the variable', () => {
    const { LEDGER_JWT_ISSUER: _i, ...noIssuer } = hs;
    const { LEDGER_JWT_AUDIENCE: _a, ...noAudience } = hs;
    expect(() => loadConfig(noIssuer)).toThrow(/LEDGER_JWT_ISSUER/);
    expect(() => loadConfig({ ...hs, LEDGER_JWT_ISSUER: '  ' })).toThrow(/LEDGER_JWT_ISSUER/);
    expect(() => loadConfig(noAudience)).toThrow(/LEDGER_JWT_AUDIENCE/);
    expect(() => loadConfig({ ...hs, LEDGER_JWT_SECRET: 'x'.repeat(31) })).toThrow(/LEDGER_JWT_SECRET/);
    expect(() => loadConfig({ ...hs, LEDGER_JWT_ALGORITHM: 'HS512' })).toThrow(/LEDGER_JWT_ALGORITHM/);
    expect(() => loadConfig({ ...hs, LEDGER_JWT_ALGORITHM: 'none' })).toThrow(/LEDGER_JWT_ALGORITHM/);
    // Any LEDGER_JWT_* variable turns JWTs on, so a lone one is an incomplete setting, not ignored.
    expect(() => loadConfig({ LEDGER_JWT_ISSUER: ISSUER })).toThrow(/LEDGER_JWT_ALGORITHM/);
    expect(() => loadConfig({ ...hs, LEDGER_JWT_ALGORITHM: 'RS256' })).toThrow(/LEDGER_JWT_PUBLIC_KEY_FILE/);
  });
});
