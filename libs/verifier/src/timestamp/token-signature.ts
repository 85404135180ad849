import * as asn1js from 'asn1js';
import { type Certificate, SignedDataVerifyError } from 'pkijs';
import { ID_CONTENT_TYPE, ID_CT_TST_INFO } from './oids.js';
import { singleSignedAttributeValue } from './signed-attributes.js';
import { failure, messageOf, type TimestampFailure } from './timestamp-result.js';
import type { TimestampReplyParts } from './timestamp-reply.js';

/**
 * The CMS signature of the token (RFC 5652 §5.6), checked by pkijs's SignedData.verify: it
 * finds the signer certificate among the token's certificates, requires the content-type and
 * message-digest signed attributes, compares the message digest with the TSTInfo's digest and
 * checks the signature over the DER of the signed attributes. Without `checkChain` it trusts
 * nothing: the certificate it returns is only the one whose key made the signature.
 *
 * pkijs checks that a content-type attribute exists but not its value; RFC 5652 §11.1 says it
 * must equal the eContentType, so that is checked here.
 */
export async function checkTokenSignature(
  { signedData, signerInfo }: TimestampReplyParts,
  data: Uint8Array,
): Promise<Certificate | TimestampFailure> {
  // Without signed attributes the signature would cover the TSTInfo alone and could not bind
  // the signer certificate (RFC 3161 §2.4.1 requires the SigningCertificate attribute).
  if (!signerInfo.signedAttrs) return failure('TIMESTAMP.SIGNATURE_INVALID', 'The token has no signed attributes');
  const contentType = singleSignedAttributeValue(signerInfo, ID_CONTENT_TYPE);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== ID_CT_TST_INFO) {
    return failure('TIMESTAMP.SIGNATURE_INVALID', 'The signed content-type attribute is missing or is not id-ct-TSTInfo');
  }
  try {
    const result = await signedData.verify({
      signer: 0,
      // pkijs re-checks the TSTInfo imprint against these bytes (it insists on having them).
      data: new Uint8Array(data).buffer,
      checkChain: false,
      extendedMode: true,
    });
    if (result.signatureVerified !== true || !result.signerCertificate) {
      return failure('TIMESTAMP.SIGNATURE_INVALID', "The TSA's signature over the token does not verify");
    }
    return result.signerCertificate;
  } catch (error) {
    // SignedDataVerifyError: no signer certificate, message digest mismatch, unusable signature…
    const why = error instanceof SignedDataVerifyError ? error.message : messageOf(error);
    return failure('TIMESTAMP.SIGNATURE_INVALID', `The token's signature does not verify: ${why}`);
  }
}
