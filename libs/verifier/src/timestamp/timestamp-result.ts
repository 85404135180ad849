// What a timestamp check answers: the token's facts, or one stable code saying which check failed.

export type TimestampFailureCode =
  /** Not a DER TimeStampResp whose token is a CMS SignedData over a TSTInfo. */
  | 'TIMESTAMP.MALFORMED'
  /** The TSA refused (PKIStatus rejection, waiting, revocation*): there is no token (RFC 3161 §2.4.2). */
  | 'TIMESTAMP.NOT_GRANTED'
  /** The token does not stamp SHA-256 of the bytes given. */
  | 'TIMESTAMP.IMPRINT_MISMATCH'
  /** The token answers another request (RFC 3161 §2.4.2: the nonce must be the request's). */
  | 'TIMESTAMP.NONCE_MISMATCH'
  /** The CMS signature, or the signed attributes it covers (content type, message digest), do not hold. */
  | 'TIMESTAMP.SIGNATURE_INVALID'
  /** The signed ESS SigningCertificate(V2) attribute is missing or names another certificate (RFC 3161 §2.4.1, RFC 5816). */
  | 'TIMESTAMP.SIGNER_CERT_MISMATCH'
  /** The signer certificate lacks the one critical id-kp-timeStamping extended key usage (RFC 3161 §2.3). */
  | 'TIMESTAMP.NOT_A_TSA_CERTIFICATE'
  /** genTime falls outside the signer certificate's validity. */
  | 'TIMESTAMP.CERT_NOT_VALID_AT_GENTIME'
  /** The signer certificate does not chain to any of the trust anchors given. */
  | 'TIMESTAMP.UNTRUSTED_TSA';

export interface TimestampFailure {
  ok: false;
  code: TimestampFailureCode;
  reason: string;
}

/** A token that passed every check asked for. */
export interface VerifiedTimestamp {
  ok: true;
  /** TSTInfo genTime, ISO 8601 in UTC. */
  genTime: string;
  /** TSTInfo serialNumber, lower-case hex without leading zeros. */
  serialNumber: string;
  /** Subject of the certificate that signed the token, RFC 4514 order (`CN=…, O=…`). */
  tsa: string;
  /** TSTInfo policy OID: the TSA policy the token was issued under. */
  policy: string;
}

export type TimestampVerification = VerifiedTimestamp | TimestampFailure;

export const failure = (code: TimestampFailureCode, reason: string): TimestampFailure => ({ ok: false, code, reason });

export const isTimestampFailure = (value: object): value is TimestampFailure => 'ok' in value && value.ok === false;

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
