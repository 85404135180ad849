import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, type Certificate, type SignerInfo } from 'pkijs';
import { CERT_HASH_ALGORITHMS, ID_SHA256, ID_SIGNING_CERTIFICATE, ID_SIGNING_CERTIFICATE_V2 } from './oids.js';
import { singleSignedAttributeValue } from './signed-attributes.js';
import { failure, type TimestampFailure } from './timestamp-result.js';

const ID_SHA1 = '1.3.14.3.2.26';

/**
 * The signed ESS SigningCertificate attribute names the TSA's certificate by its hash
 * (RFC 3161 §2.4.1; SigningCertificateV2 with SHA-2 hashes, RFC 5816 §2.2.1). It stops a
 * certificate with the same key but other attributes (another subject, no time-stamping
 * usage, a longer validity) from being swapped into the unsigned certificate list.
 *
 *   SigningCertificate   ::= SEQUENCE { certs SEQUENCE OF ESSCertID,   policies … OPTIONAL }
 *   SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies … OPTIONAL }
 *   ESSCertID   ::= SEQUENCE { certHash OCTET STRING -- SHA-1, issuerSerial OPTIONAL }
 *   ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
 *
 * Only the first ESSCertID counts: it is the signer's (RFC 2634 §5.4). Its issuerSerial is not
 * compared: the hash already names the certificate exactly.
 */
export function checkSigningCertificate(signerInfo: SignerInfo, signer: Certificate): TimestampFailure | undefined {
  const v2 = singleSignedAttributeValue(signerInfo, ID_SIGNING_CERTIFICATE_V2);
  const v1 = v2 === undefined ? singleSignedAttributeValue(signerInfo, ID_SIGNING_CERTIFICATE) : undefined;
  if (v2 === undefined && v1 === undefined) {
    return failure('TIMESTAMP.SIGNER_CERT_MISMATCH', 'The token has no signed SigningCertificate(V2) attribute naming its signer');
  }
  const certId = v2 !== undefined ? firstCertId(v2, ID_SHA256) : firstCertId(v1, ID_SHA1);
  if (!certId) return failure('TIMESTAMP.SIGNER_CERT_MISMATCH', 'The SigningCertificate attribute cannot be read');
  const hashName = CERT_HASH_ALGORITHMS[certId.hashAlgorithm];
  if (!hashName) return failure('TIMESTAMP.SIGNER_CERT_MISMATCH', `The signer certificate is named by an unknown hash ${certId.hashAlgorithm}`);
  const actual = createHash(hashName).update(new Uint8Array(signer.toSchema().toBER())).digest();
  if (!actual.equals(certId.certHash)) {
    return failure('TIMESTAMP.SIGNER_CERT_MISMATCH', 'The signed SigningCertificate attribute names another certificate than the signer');
  }
  return undefined;
}

function firstCertId(value: unknown, defaultHash: string): { hashAlgorithm: string; certHash: Buffer } | undefined {
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  const certId = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(certId instanceof asn1js.Sequence)) return undefined;
  let [first, second] = certId.valueBlock.value;
  let hashAlgorithm = defaultHash;
  if (defaultHash !== ID_SHA1 && first instanceof asn1js.Sequence) {
    try {
      hashAlgorithm = new AlgorithmIdentifier({ schema: first }).algorithmId;
    } catch {
      return undefined;
    }
    first = second;
  }
  if (!(first instanceof asn1js.OctetString)) return undefined;
  return { hashAlgorithm, certHash: Buffer.from(first.valueBlock.valueHexView) };
}
