import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignedData, TimeStampResp } from 'pkijs';
import {
  createOpensslTsa,
  createUnrelatedCa,
  describeWithOpenssl,
  opensslReplyText,
  resignReply,
  TEST_TSA_POLICY,
  type OpensslTsa,
  type TestCa,
} from '../../../../test/support/openssl-tsa.js';
import { certificatesFromPem } from './pem-certificates.js';
import { flipSignatureByte } from './testing/flip-signature-byte.js';
import { sampleCheckpointNote } from './testing/sample-checkpoint-note.js';
import { createTimestampRequest, type TimestampRequestOptions } from './timestamp-request.js';
import { checkTimestampReplyUntrusted, verifyTimestampReply } from './verify-timestamp-reply.js';

const note = sampleCheckpointNote(12);

describeWithOpenssl("verifyTimestampReply, on tokens from OpenSSL's TSA", () => {
  let tsa: OpensslTsa;
  let unrelated: TestCa;
  let good: { reply: Buffer; nonce: bigint };

  const stamp = async (tsaToUse: OpensslTsa, data: Uint8Array, options?: TimestampRequestOptions) => {
    const request = createTimestampRequest(data, options);
    return { reply: await tsaToUse.stamp(request.der), nonce: request.nonce };
  };
  const trusting = (...anchors: string[]) => ({ trustAnchorsPem: anchors });

  beforeAll(async () => {
    [tsa, unrelated] = await Promise.all([createOpensslTsa(), createUnrelatedCa()]);
    good = await stamp(tsa, note);
  });
  afterAll(async () => {
    await Promise.all([tsa?.close(), unrelated?.close()]);
  });

  it("accepts a fresh token for the note under the TSA's root, with its time, serial, signer and policy", async () => {
    const before = Date.now();
    const { reply, nonce } = await stamp(tsa, note);
    const result = await verifyTimestampReply(reply, note, { ...trusting(tsa.caPem), nonce });

    expect(result).toEqual({
      ok: true,
      genTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      serialNumber: expect.stringMatching(/^[0-9a-f]+$/),
      tsa: 'CN=Test TSA, O=Deal Ledger tests',
      policy: TEST_TSA_POLICY,
    });
    if (!result.ok) return;
    // OpenSSL stamps whole seconds by default: allow the second the request started in.
    expect(Date.parse(result.genTime)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(result.genTime)).toBeLessThanOrEqual(Date.now());
    const openssl = await opensslReplyText(tsa, reply);
    expect(Date.parse(/^Time stamp: (.+)$/m.exec(openssl)![1]!)).toBe(Date.parse(result.genTime));
    expect(BigInt(/^Serial number: (0x[0-9A-F]+)$/im.exec(openssl)![1]!).toString(16)).toBe(result.serialNumber);
    expect(BigInt(/^Nonce: (0x[0-9A-F]+)$/im.exec(openssl)![1]!)).toBe(nonce);
    const other = await verifyTimestampReply(good.reply, note, trusting(tsa.caPem));
    expect(other.ok && other.serialNumber).not.toBe(result.serialNumber);
  });

  it('accepts the PEM bundle form and an anchor that is the TSA certificate itself', async () => {
    const tsaCertificate = await readFile(join(tsa.dir, 'tsa.pem'), 'utf8');
    expect(await verifyTimestampReply(good.reply, note, trusting(unrelated.caPem + tsa.caPem))).toMatchObject({ ok: true });
    expect(await verifyTimestampReply(good.reply, note, trusting(tsaCertificate))).toMatchObject({ ok: true });
  });

  it('refuses the same token for other bytes (IMPRINT_MISMATCH)', async () => {
    const other = Buffer.from(note);
    other[other.length - 2] ^= 0x01;
    expect(await verifyTimestampReply(good.reply, other, trusting(tsa.caPem))).toMatchObject({ ok: false, code: 'TIMESTAMP.IMPRINT_MISMATCH' });
  });

  it('refuses a token that answers another request (NONCE_MISMATCH)', async () => {
    expect(await verifyTimestampReply(good.reply, note, { ...trusting(tsa.caPem), nonce: good.nonce + 1n })).toMatchObject({
      ok: false,
      code: 'TIMESTAMP.NONCE_MISMATCH',
    });
  });

  it('refuses a token whose signature has one byte flipped (SIGNATURE_INVALID)', async () => {
    const result = await verifyTimestampReply(flipSignatureByte(good.reply), note, trusting(tsa.caPem));
    expect(result).toMatchObject({ ok: false, code: 'TIMESTAMP.SIGNATURE_INVALID' });
  });

  it('refuses a TSA under another root, or when no anchor is given (UNTRUSTED_TSA)', async () => {
    expect(await verifyTimestampReply(good.reply, note, trusting(unrelated.caPem))).toMatchObject({ ok: false, code: 'TIMESTAMP.UNTRUSTED_TSA' });
    expect(await verifyTimestampReply(good.reply, note, trusting())).toMatchObject({ ok: false, code: 'TIMESTAMP.UNTRUSTED_TSA' });
  });

  it('without trust anchors, checks everything but who the TSA is', async () => {
    expect(await checkTimestampReplyUntrusted(good.reply, note, { nonce: good.nonce })).toMatchObject({ ok: true, tsa: 'CN=Test TSA, O=Deal Ledger tests' });
    expect(await checkTimestampReplyUntrusted(flipSignatureByte(good.reply), note)).toMatchObject({ code: 'TIMESTAMP.SIGNATURE_INVALID' });
  });

  it('reports a refusal by the TSA (NOT_GRANTED) with its reason', async () => {
    const { reply } = await stamp(tsa, note, { policy: '2.999.42' });
    const result = await verifyTimestampReply(reply, note, trusting(tsa.caPem));
    expect(result).toMatchObject({ ok: false, code: 'TIMESTAMP.NOT_GRANTED', reason: expect.stringMatching(/rejection \(unacceptedPolicy\)/) });
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['not DER', Buffer.from('<html>502 Bad Gateway</html>')],
    ['cut short', () => good.reply.subarray(0, good.reply.length - 10)],
    ['followed by other bytes', () => Buffer.concat([good.reply, Buffer.from([0])])],
  ])('refuses a reply that is %s (MALFORMED)', async (_, reply) => {
    const bytes = typeof reply === 'function' ? reply() : reply;
    expect(await verifyTimestampReply(bytes, note, trusting(tsa.caPem))).toMatchObject({ ok: false, code: 'TIMESTAMP.MALFORMED' });
  });

  it("refuses a token signed by a certificate of the same CA that is not a TSA's (NOT_A_TSA_CERTIFICATE), which pkijs alone accepts", async () => {
    const forged = await resignReply(tsa, good.reply, 'non-tsa-certificate');
    const token = new SignedData({ schema: TimeStampResp.fromBER(forged).timeStampToken!.content });
    const trustedCerts = certificatesFromPem([tsa.caPem]);
    expect(await token.verify({ signer: 0, data: new Uint8Array(note).buffer, checkChain: true, trustedCerts })).toBe(true);

    const result = await verifyTimestampReply(forged, note, trusting(tsa.caPem));
    expect(result).toMatchObject({ ok: false, code: 'TIMESTAMP.NOT_A_TSA_CERTIFICATE', reason: expect.stringContaining('CN=Not a TSA') });
  });

  it('refuses a token whose signed attributes do not name the signer certificate (SIGNER_CERT_MISMATCH)', async () => {
    const forged = await resignReply(tsa, good.reply, 'no-signing-certificate-attribute');
    expect(await verifyTimestampReply(forged, note, trusting(tsa.caPem))).toMatchObject({ ok: false, code: 'TIMESTAMP.SIGNER_CERT_MISMATCH' });
  });

  it("refuses a token made outside its certificate's validity (CERT_NOT_VALID_AT_GENTIME)", async () => {
    const lapsed = await createOpensslTsa({ validity: 'never-valid' });
    try {
      const { reply } = await stamp(lapsed, note);
      expect(await verifyTimestampReply(reply, note, trusting(lapsed.caPem))).toMatchObject({ ok: false, code: 'TIMESTAMP.CERT_NOT_VALID_AT_GENTIME' });
    } finally {
      await lapsed.close();
    }
  });

  it('follows a chain through an intermediate CA carried in the token, with RSA keys as most TSAs use', async () => {
    const chained = await createOpensslTsa({ intermediate: true, keyType: 'rsa' });
    try {
      const { reply, nonce } = await stamp(chained, note);
      expect(await verifyTimestampReply(reply, note, { ...trusting(chained.caPem), nonce })).toMatchObject({ ok: true, policy: TEST_TSA_POLICY });
      expect(await verifyTimestampReply(flipSignatureByte(reply), note, trusting(chained.caPem))).toMatchObject({ code: 'TIMESTAMP.SIGNATURE_INVALID' });
      expect(await verifyTimestampReply(reply, note, trusting(tsa.caPem))).toMatchObject({ code: 'TIMESTAMP.UNTRUSTED_TSA' });
    } finally {
      await chained.close();
    }
  });

  it('throws on a trust anchor that is not a certificate: a configuration mistake, not a bad token', async () => {
    await expect(verifyTimestampReply(good.reply, note, trusting('not a certificate'))).rejects.toThrow(TypeError);
  });
});
