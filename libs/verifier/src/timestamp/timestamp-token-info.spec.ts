import { createHash } from 'node:crypto';
import { createOpensslTsa, describeWithOpenssl, TEST_TSA_POLICY, type OpensslTsa } from '../../../../test/support/openssl-tsa.js';
import { flipSignatureByte } from './testing/flip-signature-byte.js';
import { createTimestampRequest } from './timestamp-request.js';
import { timestampTokenInfo } from './timestamp-token-info.js';
import { verifyTimestampReply } from './verify-timestamp-reply.js';

const note = Buffer.from('deal-ledger.local/0123456789abcdef\n3\nq2aW5Tb6n1h0o3kzjA1dJ6o6wFh0kP0pS1YxQ4lDWj8=\n');

describeWithOpenssl('timestampTokenInfo (unverified)', () => {
  let tsa: OpensslTsa;
  beforeAll(async () => {
    tsa = await createOpensslTsa();
  });
  afterAll(() => tsa?.close());

  it('reads what the token claims, the same genTime and serial the full check reports', async () => {
    const request = createTimestampRequest(note);
    const reply = await tsa.stamp(request.der);
    const verified = await verifyTimestampReply(reply, note, { trustAnchorsPem: [tsa.caPem] });
    if (!verified.ok) throw new Error(verified.reason);

    expect(timestampTokenInfo(reply)).toEqual({
      ok: true,
      verified: false,
      genTime: verified.genTime,
      serialNumber: verified.serialNumber,
      policy: TEST_TSA_POLICY,
      imprint: { hashAlgorithm: '2.16.840.1.101.3.4.2.1', hashedMessage: createHash('sha256').update(note).digest('hex') },
      nonce: request.nonce.toString(),
    });
  });

  it('does not check the signature: that is what makes it unverified', async () => {
    const reply = flipSignatureByte(await tsa.stamp(createTimestampRequest(note).der));
    expect(timestampTokenInfo(reply)).toMatchObject({ ok: true, verified: false });
  });

  it('says why when the bytes are no granted reply', async () => {
    expect(timestampTokenInfo(Buffer.from('garbage'))).toMatchObject({ ok: false, code: 'TIMESTAMP.MALFORMED' });
    const refused = await tsa.stamp(createTimestampRequest(note, { policy: '2.999.42' }).der);
    expect(timestampTokenInfo(refused)).toMatchObject({ ok: false, code: 'TIMESTAMP.NOT_GRANTED' });
  });
});
