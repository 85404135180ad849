import { SignedData, TimeStampResp } from 'pkijs';

/**
 * The reply with the last byte of the TSA's signature value flipped: the last byte is content
 * for both RSA and DER-encoded ECDSA signatures, so the reply still parses and only the
 * signature is wrong.
 */
export function flipSignatureByte(reply: Buffer): Buffer {
  const token = TimeStampResp.fromBER(reply).timeStampToken!;
  const signature = Buffer.from(new SignedData({ schema: token.content }).signerInfos[0]!.signature.valueBlock.valueHexView);
  const at = reply.indexOf(signature);
  if (at < 0 || reply.indexOf(signature, at + 1) >= 0) throw new Error('The signature is not in the reply exactly once');
  const tampered = Buffer.from(reply);
  tampered[at + signature.length - 1]! ^= 0x01;
  return tampered;
}
