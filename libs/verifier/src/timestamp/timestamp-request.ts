import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, MessageImprint, TimeStampReq } from 'pkijs';
import { ID_SHA256 } from './oids.js';

export interface TimestampRequestOptions {
  /** Defaults to 64 random bits: it binds the reply to this request (RFC 3161 §2.4.1). */
  nonce?: bigint;
  /** A TSA policy OID to ask for (reqPolicy); the TSA's default policy when absent. */
  policy?: string;
}

export interface TimestampRequest {
  /** The DER TimeStampReq, the body of an `application/timestamp-query` POST (RFC 3161 §3.4). */
  der: Buffer;
  nonce: bigint;
  /** SHA-256 of the data: the message imprint the TSA signs. */
  imprint: Buffer;
}

/**
 * A TimeStampReq (RFC 3161 §2.4.1) for SHA-256 of `data`. Only the hash leaves the ledger.
 * certReq is true so that the TSA puts its certificate in the token: the stored reply can
 * then be checked later with nothing but a trust anchor.
 */
export function createTimestampRequest(data: Uint8Array, options: TimestampRequestOptions = {}): TimestampRequest {
  // pkijs refuses to check a TSTInfo against zero bytes, so such a stamp could never be verified.
  if (data.byteLength === 0) throw new RangeError('Nothing to timestamp: the data is empty');
  const nonce = options.nonce ?? randomBytes(8).readBigUInt64BE();
  if (nonce < 0n) throw new RangeError('A timestamp nonce is a non-negative integer');
  const imprint = createHash('sha256').update(data).digest();
  const request = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      // NULL parameters, as OpenSSL and most TSAs send them; RFC 5754 §2 says accept both forms.
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: ID_SHA256, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: asn1js.Integer.fromBigInt(nonce),
    certReq: true,
    ...(options.policy === undefined ? {} : { reqPolicy: options.policy }),
  });
  return { der: Buffer.from(request.toSchema().toBER()), nonce, imprint };
}
