import { X509Certificate } from 'node:crypto';
import { type Certificate, ExtKeyUsage } from 'pkijs';
import { ID_CE_EXT_KEY_USAGE, ID_KP_TIME_STAMPING } from './oids.js';
import { failure, type TimestampFailure } from './timestamp-result.js';

/**
 * A TSA certificate carries exactly one extended key usage extension, critical, whose only
 * purpose is id-kp-timeStamping (RFC 3161 §2.3) — OpenSSL's `ts -verify` reads it the same
 * way. pkijs's chain validation does not look at key purposes, so without this check any
 * certificate under the trust anchor (a web server's, say) could issue "timestamps".
 */
export function checkTimeStampingUsage(certificate: Certificate): TimestampFailure | undefined {
  const usages = (certificate.extensions ?? []).filter((extension) => extension.extnID === ID_CE_EXT_KEY_USAGE);
  const usage = usages[0];
  if (usages.length !== 1 || !usage || !(usage.parsedValue instanceof ExtKeyUsage)) {
    return notTsa(certificate, 'has no extended key usage extension (or more than one)');
  }
  if (!usage.critical) return notTsa(certificate, 'has a non-critical extended key usage');
  const purposes = usage.parsedValue.keyPurposes;
  if (purposes.length !== 1 || purposes[0] !== ID_KP_TIME_STAMPING) {
    return notTsa(certificate, `is for ${purposes.join(', ')}, not time-stamping only`);
  }
  return undefined;
}

/** The TSA's time only counts while its certificate was valid. */
export function checkValidAt(certificate: Certificate, genTime: Date): TimestampFailure | undefined {
  const notBefore = certificate.notBefore.value;
  const notAfter = certificate.notAfter.value;
  if (genTime >= notBefore && genTime <= notAfter) return undefined;
  return failure(
    'TIMESTAMP.CERT_NOT_VALID_AT_GENTIME',
    `genTime ${genTime.toISOString()} is outside the validity of ${subjectOf(certificate)} ` +
      `(${notBefore.toISOString()} to ${notAfter.toISOString()})`,
  );
}

/** A certificate's subject as RFC 4514 writes it, most specific name first: `CN=…, O=…`. */
export function subjectOf(certificate: Certificate): string {
  const der = new Uint8Array(certificate.toSchema().toBER());
  // node:crypto prints the names in certificate order, one per line.
  return new X509Certificate(der).subject.split('\n').reverse().join(', ');
}

function notTsa(certificate: Certificate, why: string): TimestampFailure {
  return failure('TIMESTAMP.NOT_A_TSA_CERTIFICATE', `The signer certificate ${subjectOf(certificate)} ${why}`);
}
