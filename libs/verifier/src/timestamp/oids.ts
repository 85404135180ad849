// Object identifiers the timestamp check relies on, named where they are defined.

/** SHA-256 (RFC 5754 §2): the only imprint hash we ask for and accept. */
export const ID_SHA256 = '2.16.840.1.101.3.4.2.1';

/** CMS SignedData (RFC 5652 §5.1): a TimeStampToken is a ContentInfo of this type (RFC 3161 §2.4.2). */
export const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';

/** id-ct-TSTInfo (RFC 3161 §2.4.2): the eContentType of the token's SignedData. */
export const ID_CT_TST_INFO = '1.2.840.113549.1.9.16.1.4';

/** CMS signed attributes (RFC 5652 §11.1, §11.2). */
export const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';

/** ESS SigningCertificate (RFC 2634 §5.4, required by RFC 3161 §2.4.1) and its SHA-2 successor (RFC 5816 §2.2.1). */
export const ID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
export const ID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

/** Extended key usage extension (RFC 5280 §4.2.1.12) and the time-stamping purpose (RFC 3161 §2.3). */
export const ID_CE_EXT_KEY_USAGE = '2.5.29.37';
export const ID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/** Hash algorithms a certificate hash in an ESSCertID(v2) may use, as node:crypto names. */
export const CERT_HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1', // ESSCertID v1 is always SHA-1 (RFC 2634 §5.4.1)
  [ID_SHA256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
