import * as asn1js from 'asn1js';
import { SignedData, SignerInfo, TimeStampResp, TSTInfo } from 'pkijs';
import { ID_CT_TST_INFO, ID_SIGNED_DATA } from './oids.js';
import { describeStatus, isGranted } from './pki-status.js';
import { failure, messageOf, type TimestampFailure } from './timestamp-result.js';

/** The parts of a granted TimeStampResp that the checks look at. */
export interface TimestampReplyParts {
  signedData: SignedData;
  /** The token's one signer (RFC 3161 §2.4.1: no signature but the TSA's). */
  signerInfo: SignerInfo;
  tstInfo: TSTInfo;
}

/**
 * Takes a DER TimeStampResp (RFC 3161 §2.4.2) apart: status, then the token, a ContentInfo
 * holding CMS SignedData whose encapsulated content is a DER TSTInfo. Nothing is trusted
 * yet; this only says whether the shape is right.
 */
export function parseTimestampReply(reply: Uint8Array): TimestampReplyParts | TimestampFailure {
  if (reply.byteLength === 0) return failure('TIMESTAMP.MALFORMED', 'The timestamp reply is empty');
  const asn1 = asn1js.fromBER(reply);
  if (asn1.offset === -1) return failure('TIMESTAMP.MALFORMED', `The timestamp reply cannot be decoded: ${asn1.result.error}`);
  // A reply is one DER value: more bytes after it mean a damaged or spliced file, not a stamp.
  if (asn1.offset !== reply.byteLength) return failure('TIMESTAMP.MALFORMED', 'The timestamp reply has bytes after its end');
  let response: TimeStampResp;
  try {
    response = new TimeStampResp({ schema: asn1.result });
  } catch (error) {
    return failure('TIMESTAMP.MALFORMED', `Not a TimeStampResp: ${messageOf(error)}`);
  }

  // With grantedWithMods too, the checks that follow still decide whether it stamps what we asked.
  if (!isGranted(response.status)) return failure('TIMESTAMP.NOT_GRANTED', `The TSA answered ${describeStatus(response.status)}`);
  const token = response.timeStampToken;
  if (!token) return failure('TIMESTAMP.MALFORMED', 'The TSA granted the request but sent no token');
  if (token.contentType !== ID_SIGNED_DATA) return failure('TIMESTAMP.MALFORMED', `The token is ${token.contentType}, not CMS SignedData`);

  let signedData: SignedData;
  let tstInfo: TSTInfo;
  try {
    signedData = new SignedData({ schema: token.content });
    const { eContentType, eContent } = signedData.encapContentInfo;
    if (eContentType !== ID_CT_TST_INFO || !eContent) {
      return failure('TIMESTAMP.MALFORMED', `The token signs ${eContentType}, not a TSTInfo`);
    }
    tstInfo = TSTInfo.fromBER(eContent.getValue());
  } catch (error) {
    return failure('TIMESTAMP.MALFORMED', `The token is not SignedData over a TSTInfo: ${messageOf(error)}`);
  }
  if (tstInfo.version !== 1) return failure('TIMESTAMP.MALFORMED', `TSTInfo version ${tstInfo.version}, not 1`);
  if (signedData.signerInfos.length !== 1) {
    return failure('TIMESTAMP.MALFORMED', `The token has ${signedData.signerInfos.length} signers; RFC 3161 allows only the TSA`);
  }
  return { signedData, signerInfo: signedData.signerInfos[0]!, tstInfo };
}
