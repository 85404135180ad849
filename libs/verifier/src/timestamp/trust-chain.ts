import { type Certificate, CertificateChainValidationEngine } from 'pkijs';
import { failure, type TimestampFailure } from './timestamp-result.js';

/**
 * The signer certificate must chain to one of the trust anchors, with every certificate on
 * the path valid at genTime: a token made while its TSA was trusted stays good after the TSA
 * certificate expires (the point of RFC 3161). The token's own certificates may serve as
 * intermediates; pkijs checks each link's signature, name chaining and CA constraints.
 * Revocation is not checked: the check runs offline, and TSAs rarely put CRLs in their tokens.
 */
export async function checkChainsToAnchor(
  signer: Certificate,
  tokenCertificates: readonly Certificate[],
  anchors: readonly Certificate[],
  genTime: Date,
): Promise<TimestampFailure | undefined> {
  if (anchors.length === 0) return failure('TIMESTAMP.UNTRUSTED_TSA', 'No trust anchors were given');
  // An anchor may be the TSA certificate itself (pinned); pkijs would drop it as a duplicate.
  if (anchors.some((anchor) => sameCertificate(anchor, signer))) return undefined;
  const engine = new CertificateChainValidationEngine({
    trustedCerts: [...anchors],
    // pkijs validates the last certificate of `certs`: the signer goes last, once.
    certs: [...tokenCertificates.filter((certificate) => !sameCertificate(certificate, signer)), signer],
    checkDate: genTime,
  });
  const result = await engine.verify();
  if (result.result) return undefined;
  return failure('TIMESTAMP.UNTRUSTED_TSA', `The TSA certificate does not chain to a trust anchor: ${result.resultMessage}`);
}

const sameCertificate = (a: Certificate, b: Certificate): boolean => Buffer.from(a.tbsView).equals(Buffer.from(b.tbsView));
