import { Certificate } from 'pkijs';
import { checkMessageImprint, checkNonce } from './message-imprint.js';
import { certificatesFromPem } from './pem-certificates.js';
import { checkSigningCertificate } from './signing-certificate-attribute.js';
import { parseTimestampReply } from './timestamp-reply.js';
import { isTimestampFailure, type TimestampVerification } from './timestamp-result.js';
import { checkChainsToAnchor } from './trust-chain.js';
import { checkTimeStampingUsage, checkValidAt, subjectOf } from './tsa-certificate.js';
import { checkTokenSignature } from './token-signature.js';

export interface VerifyTimestampOptions {
  /** PEM certificates of the TSAs' roots (or of the TSA certificates themselves) to trust. */
  trustAnchorsPem: readonly string[];
  /** The nonce of the request, when the reply answers one we just sent. */
  nonce?: bigint;
}

/**
 * Whether a stored or fresh TimeStampResp proves that `data` existed at its genTime: every
 * check of checkTimestampReplyUntrusted, and then that the TSA's certificate chains to one of
 * the trust anchors. Throws only when a trust anchor is not a certificate (configuration).
 */
export async function verifyTimestampReply(
  reply: Uint8Array,
  data: Uint8Array,
  options: VerifyTimestampOptions,
): Promise<TimestampVerification> {
  return checkReply(reply, data, options.nonce, certificatesFromPem(options.trustAnchorsPem));
}

/**
 * Every check but trust, for a TSA client with no trust anchors configured: the TSA granted,
 * the token stamps SHA-256 of `data` (and our nonce), its signature holds under the
 * certificate it names, and that certificate is a TSA certificate valid at genTime. It does
 * NOT say who the TSA is: anyone can make such a certificate.
 */
export async function checkTimestampReplyUntrusted(
  reply: Uint8Array,
  data: Uint8Array,
  options: { nonce?: bigint } = {},
): Promise<TimestampVerification> {
  return checkReply(reply, data, options.nonce, undefined);
}

/** The checks in the order that gives the most telling code first; the first failure ends them. */
async function checkReply(
  reply: Uint8Array,
  data: Uint8Array,
  nonce: bigint | undefined,
  anchors: Certificate[] | undefined,
): Promise<TimestampVerification> {
  if (data.byteLength === 0) throw new RangeError('No data to check the timestamp against');
  const parts = parseTimestampReply(reply);
  if (isTimestampFailure(parts)) return parts;
  const { tstInfo, signerInfo, signedData } = parts;
  const imprintOrNonce = checkMessageImprint(tstInfo, data) ?? checkNonce(tstInfo, nonce);
  if (imprintOrNonce) return imprintOrNonce;

  const signer = await checkTokenSignature(parts, data);
  if (isTimestampFailure(signer)) return signer;
  const signerProblem =
    checkSigningCertificate(signerInfo, signer) ?? checkTimeStampingUsage(signer) ?? checkValidAt(signer, tstInfo.genTime);
  if (signerProblem) return signerProblem;

  if (anchors) {
    const tokenCertificates = (signedData.certificates ?? []).filter((item): item is Certificate => item instanceof Certificate);
    const untrusted = await checkChainsToAnchor(signer, tokenCertificates, anchors, tstInfo.genTime);
    if (untrusted) return untrusted;
  }
  return {
    ok: true,
    genTime: tstInfo.genTime.toISOString(),
    serialNumber: tstInfo.serialNumber.toBigInt().toString(16),
    tsa: subjectOf(signer),
    policy: tstInfo.policy,
  };
}
