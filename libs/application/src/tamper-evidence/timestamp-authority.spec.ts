import { createTimestampRequest } from '#verifier';
import {
  createOpensslTsa,
  createUnrelatedCa,
  describeWithOpenssl,
  type OpensslTsa,
  type TestCa,
} from '../../../../test/support/openssl-tsa.js';
import { ApplicationError } from '../application.errors.js';
import { requestTimestamp } from './timestamp-authority.js';

const URL_WITH_SECRET = 'https://user:secret@tsa.example/stamp?key=abc';
const note = Buffer.from('deal-ledger.local/0123456789abcdef\n7\nq2aW5Tb6n1h0o3kzjA1dJ6o6wFh0kP0pS1YxQ4lDWj8=\n\n— deal-ledger.local/0123456789abcdef AAAA\n');

/** A fetch that answers every request with `respond(body)`, recording what it was sent. */
function fakeFetch(respond: (query: Buffer, init: RequestInit) => Response | Promise<Response>) {
  const calls: RequestInit[] = [];
  const fake = (async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push(init!);
    return respond(Buffer.from(init!.body as Uint8Array), init!);
  }) as typeof fetch;
  return { fake, calls };
}

const replyOf = (body: Uint8Array | string, type = 'application/timestamp-reply', status = 200) =>
  new Response(typeof body === 'string' ? body : new Uint8Array(body), { status, headers: { 'Content-Type': type } });

async function failureOf(promise: Promise<unknown>): Promise<ApplicationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApplicationError)) throw new Error(`expected an ApplicationError, got ${String(error)}`);
  return error;
}

describe('requestTimestamp, when the TSA does not give a token', () => {
  it('is TSA.UNAVAILABLE on an HTTP error, and names the TSA without its credentials', async () => {
    const { fake } = fakeFetch(() => replyOf('down for maintenance', 'text/plain', 503));
    const error = await failureOf(requestTimestamp(URL_WITH_SECRET, note, { fetch: fake }));
    expect(error).toMatchObject({ code: 'TSA.UNAVAILABLE', kind: 'unavailable', details: { httpStatus: 503, url: 'https://tsa.example/stamp' } });
    expect(error.message).not.toMatch(/secret|key=abc/);
  });

  it('is TSA.UNAVAILABLE when the network fails', async () => {
    const fake = (async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }) as typeof fetch;
    expect(await failureOf(requestTimestamp(URL_WITH_SECRET, note, { fetch: fake }))).toMatchObject({
      code: 'TSA.UNAVAILABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('is TSA.UNAVAILABLE when no answer comes within the timeout', async () => {
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))) as unknown as typeof fetch;
    const started = Date.now();
    expect(await failureOf(requestTimestamp(URL_WITH_SECRET, note, { fetch: hang, timeoutMs: 100 }))).toMatchObject({
      code: 'TSA.UNAVAILABLE',
      message: expect.stringContaining('no answer within 100 ms'),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ['another content type', replyOf('<html>ok</html>', 'text/html')],
    ['bytes that are no TimeStampResp', replyOf('not DER at all')],
    ['more than a megabyte', replyOf(Buffer.alloc(1024 * 1024 + 1))],
  ])('is TSA.BAD_REPLY for %s', async (_, response) => {
    const { fake } = fakeFetch(() => response);
    expect(await failureOf(requestTimestamp(URL_WITH_SECRET, note, { fetch: fake }))).toMatchObject({ code: 'TSA.BAD_REPLY' });
  });
});

describeWithOpenssl("requestTimestamp, against OpenSSL's TSA", () => {
  let tsa: OpensslTsa;
  let unrelated: TestCa;
  beforeAll(async () => {
    [tsa, unrelated] = await Promise.all([createOpensslTsa(), createUnrelatedCa()]);
  });
  afterAll(async () => {
    await Promise.all([tsa?.close(), unrelated?.close()]);
  });

  it('POSTs an RFC 3161 query and returns the reply with its genTime', async () => {
    const { fake, calls } = fakeFetch(async (query) => replyOf(await tsa.stamp(query)));
    const result = await requestTimestamp('http://tsa.test/', note, { fetch: fake, trustAnchorsPem: [tsa.caPem] });

    expect(calls[0]).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
    });
    expect(Math.abs(Date.parse(result.genTime) - Date.now())).toBeLessThan(5_000);
    expect(result.reply.subarray(0, 1)).toEqual(Buffer.from([0x30])); // a DER SEQUENCE: the TimeStampResp
  });

  it('accepts a reply without trust anchors configured, but refuses one from an untrusted TSA when they are', async () => {
    const { fake } = fakeFetch(async (query) => replyOf(await tsa.stamp(query)));
    await expect(requestTimestamp('http://tsa.test/', note, { fetch: fake })).resolves.toMatchObject({ genTime: expect.any(String) });
    expect(await failureOf(requestTimestamp('http://tsa.test/', note, { fetch: fake, trustAnchorsPem: [unrelated.caPem] }))).toMatchObject({
      code: 'TSA.BAD_REPLY',
      details: { verification: 'TIMESTAMP.UNTRUSTED_TSA' },
    });
  });

  it('refuses a token for another request: a replayed reply (nonce) or one for other data (imprint)', async () => {
    const replayed = await tsa.stamp(createTimestampRequest(note).der);
    const replaying = fakeFetch(() => replyOf(replayed));
    expect(await failureOf(requestTimestamp('http://tsa.test/', note, { fetch: replaying.fake }))).toMatchObject({
      code: 'TSA.BAD_REPLY',
      details: { verification: 'TIMESTAMP.NONCE_MISMATCH' },
    });
    const otherData = fakeFetch(async () => replyOf(await tsa.stamp(createTimestampRequest(Buffer.from('other')).der)));
    expect(await failureOf(requestTimestamp('http://tsa.test/', note, { fetch: otherData.fake }))).toMatchObject({
      code: 'TSA.BAD_REPLY',
      details: { verification: 'TIMESTAMP.IMPRINT_MISMATCH' },
    });
  });

  it('is TSA.REJECTED when the TSA refuses to stamp', async () => {
    const refusing = fakeFetch(async () => replyOf(await tsa.stamp(createTimestampRequest(note, { policy: '2.999.42' }).der)));
    expect(await failureOf(requestTimestamp('http://tsa.test/', note, { fetch: refusing.fake }))).toMatchObject({
      code: 'TSA.REJECTED',
      message: expect.stringMatching(/policy/i),
    });
  });
});
