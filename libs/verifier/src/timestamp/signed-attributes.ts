import type { SignerInfo } from 'pkijs';

/**
 * The value of a signed attribute that must appear once with one value (RFC 5652 §11: content
 * type, message digest; RFC 2634 §5.4: signing certificate). Undefined when it is absent or
 * repeated: a repeated one would leave the reader to pick which copy counts.
 */
export function singleSignedAttributeValue(signerInfo: SignerInfo, type: string): unknown {
  const found = (signerInfo.signedAttrs?.attributes ?? []).filter((attribute) => attribute.type === type);
  return found.length === 1 && found[0]!.values.length === 1 ? found[0]!.values[0] : undefined;
}
