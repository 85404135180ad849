import { parseTimestampReply } from './timestamp-reply.js';
import { isTimestampFailure, type TimestampFailure } from './timestamp-result.js';

/** What a token claims, read WITHOUT checking signature, imprint or trust: for display only. */
export interface UnverifiedTimestampTokenInfo {
  ok: true;
  /** Always false: nothing here is checked. Use verifyTimestampReply before relying on it. */
  verified: false;
  genTime: string;
  serialNumber: string;
  policy: string;
  /** The claimed message imprint: hash algorithm OID and hex hash. */
  imprint: { hashAlgorithm: string; hashedMessage: string };
  /** Decimal, when the token has one. */
  nonce?: string;
}

/**
 * The genTime (and serial, policy, imprint) a TimeStampResp claims, e.g. to list a checkpoint's
 * stamp before anyone has the TSA's trust anchor. Unverified by design: see verifyTimestampReply.
 */
export function timestampTokenInfo(reply: Uint8Array): UnverifiedTimestampTokenInfo | TimestampFailure {
  const parts = parseTimestampReply(reply);
  if (isTimestampFailure(parts)) return parts;
  const { genTime, serialNumber, policy, messageImprint, nonce } = parts.tstInfo;
  return {
    ok: true,
    verified: false,
    genTime: genTime.toISOString(),
    serialNumber: serialNumber.toBigInt().toString(16),
    policy,
    imprint: {
      hashAlgorithm: messageImprint.hashAlgorithm.algorithmId,
      hashedMessage: Buffer.from(messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex'),
    },
    ...(nonce ? { nonce: nonce.toBigInt().toString() } : {}),
  };
}
