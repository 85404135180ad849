import { createHash } from 'node:crypto';
import type { TSTInfo } from 'pkijs';
import { ID_SHA256 } from './oids.js';
import { failure, type TimestampFailure } from './timestamp-result.js';

/**
 * The token must stamp SHA-256 of exactly these bytes (RFC 3161 §2.4.2, messageImprint).
 * Another hash algorithm is refused rather than followed: we always ask for SHA-256, and
 * following the token's choice would let a weak hash in.
 */
export function checkMessageImprint(tstInfo: TSTInfo, data: Uint8Array): TimestampFailure | undefined {
  const { hashAlgorithm, hashedMessage } = tstInfo.messageImprint;
  if (hashAlgorithm.algorithmId !== ID_SHA256) {
    return failure('TIMESTAMP.IMPRINT_MISMATCH', `The token stamps a ${hashAlgorithm.algorithmId} hash, not SHA-256`);
  }
  const expected = createHash('sha256').update(data).digest();
  if (!expected.equals(Buffer.from(hashedMessage.valueBlock.valueHexView))) {
    return failure('TIMESTAMP.IMPRINT_MISMATCH', 'The token stamps other bytes: its message imprint is not SHA-256 of the data');
  }
  return undefined;
}

/** A nonce sent must come back unchanged (RFC 3161 §2.4.2): else the reply answers another request. */
export function checkNonce(tstInfo: TSTInfo, nonce: bigint | undefined): TimestampFailure | undefined {
  if (nonce === undefined) return undefined;
  if (!tstInfo.nonce) return failure('TIMESTAMP.NONCE_MISMATCH', `The token has no nonce; the request sent ${nonce}`);
  const answered = tstInfo.nonce.toBigInt();
  if (answered !== nonce) return failure('TIMESTAMP.NONCE_MISMATCH', `The token's nonce is ${answered}, the request sent ${nonce}`);
  return undefined;
}
