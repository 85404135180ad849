import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyTimestampReply } from '#verifier';
import { ApplicationError } from '../../libs/application/src/application.errors.js';
import { requestTimestamp } from '../../libs/application/src/tamper-evidence/timestamp-authority.js';
import { flipSignatureByte } from '../../libs/verifier/src/timestamp/testing/flip-signature-byte.js';
import { sampleCheckpointNote } from '../../libs/verifier/src/timestamp/testing/sample-checkpoint-note.js';
import { createUnrelatedCa, describeWithOpenssl, startOpensslTsa, type OpensslTsaServer, type TestCa } from '../support/openssl-tsa.js';

const note = sampleCheckpointNote(42);

describeWithOpenssl('RFC 3161 timestamps from a real TSA over HTTP (openssl ts -reply on loopback)', () => {
  let tsa: OpensslTsaServer;
  let unrelated: TestCa;
  let stamped: { reply: Buffer; genTime: string; at: number };
  const stubs: Server[] = [];

  /** A loopback HTTP server behaving as a broken TSA. */
  async function stub(handler: RequestListener): Promise<string> {
    const server = createServer(handler);
    stubs.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }
  /** What requestTimestamp failed with: its code, and the verifier's code behind a TSA.BAD_REPLY. */
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => ({ code: 'resolved' }),
      (error: unknown) =>
        error instanceof ApplicationError
          ? { code: error.code, ...(error.details.verification ? { verification: error.details.verification } : {}) }
          : { code: `not an ApplicationError: ${String(error)}` },
    );
  const answering =
    (status: number, type: string, body: string): RequestListener =>
    (_, response) =>
      void response.writeHead(status, { 'Content-Type': type }).end(body);

  beforeAll(async () => {
    [tsa, unrelated] = await Promise.all([startOpensslTsa(), createUnrelatedCa()]);
    const at = Date.now();
    stamped = { ...(await requestTimestamp(tsa.url, note, { trustAnchorsPem: [tsa.caPem] })), at };
  });
  afterAll(async () => {
    for (const server of stubs) {
      server.closeAllConnections();
      server.close();
    }
    await Promise.all([tsa?.close(), unrelated?.close()]);
  });

  it("gives a reply that verifies under the TSA's CA, stamped close to now", async () => {
    const result = await verifyTimestampReply(stamped.reply, note, { trustAnchorsPem: [tsa.caPem] });
    expect(result).toMatchObject({ ok: true, genTime: stamped.genTime, tsa: 'CN=Test TSA, O=Deal Ledger tests' });
    expect(Math.abs(Date.parse(stamped.genTime) - stamped.at)).toBeLessThan(5_000);
  });

  it('does not verify for other bytes (IMPRINT_MISMATCH)', async () => {
    const tampered = Buffer.from(note.toString().replace('\n42\n', '\n43\n'));
    expect(await verifyTimestampReply(stamped.reply, tampered, { trustAnchorsPem: [tsa.caPem] })).toMatchObject({
      ok: false,
      code: 'TIMESTAMP.IMPRINT_MISMATCH',
    });
  });

  it('does not verify under an unrelated CA (UNTRUSTED_TSA), and the client refuses it then', async () => {
    expect(await verifyTimestampReply(stamped.reply, note, { trustAnchorsPem: [unrelated.caPem] })).toMatchObject({
      ok: false,
      code: 'TIMESTAMP.UNTRUSTED_TSA',
    });
    expect(await failureOf(requestTimestamp(tsa.url, note, { trustAnchorsPem: [unrelated.caPem] }))).toEqual({
      code: 'TSA.BAD_REPLY',
      verification: 'TIMESTAMP.UNTRUSTED_TSA',
    });
  });

  it('does not verify with one byte of its signature flipped (SIGNATURE_INVALID)', async () => {
    expect(await verifyTimestampReply(flipSignatureByte(stamped.reply), note, { trustAnchorsPem: [tsa.caPem] })).toMatchObject({
      ok: false,
      code: 'TIMESTAMP.SIGNATURE_INVALID',
    });
  });

  it("refuses a TSA that replays an earlier reply: the nonce is not this request's", async () => {
    const replaying = await stub((_, response) => void response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(stamped.reply));
    expect(await failureOf(requestTimestamp(replaying, note))).toEqual({ code: 'TSA.BAD_REPLY', verification: 'TIMESTAMP.NONCE_MISMATCH' });
  });

  it.each<[string, RequestListener, string]>([
    ['answers 500', answering(500, 'text/plain', 'boom'), 'TSA.UNAVAILABLE'],
    ['answers garbage as a timestamp reply', answering(200, 'application/timestamp-reply', 'garbage'), 'TSA.BAD_REPLY'],
    ['answers HTML', answering(200, 'text/html', '<html></html>'), 'TSA.BAD_REPLY'],
    ['never answers', () => undefined, 'TSA.UNAVAILABLE'],
  ])('gives a TSA error when the URL %s', async (_, handler, code) => {
    const url = await stub(handler);
    expect(await failureOf(requestTimestamp(url, note, { timeoutMs: 500 }))).toMatchObject({ code });
  });

  it('gives TSA.UNAVAILABLE when nothing listens at the URL', async () => {
    const url = await stub(() => undefined);
    const server = stubs.pop()!;
    await new Promise((resolve) => server.close(resolve));
    expect(await failureOf(requestTimestamp(url, note))).toEqual({ code: 'TSA.UNAVAILABLE' });
  });
});
