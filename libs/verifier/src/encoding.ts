import { createHash } from 'node:crypto';

/** SHA-256 over the concatenation of the parts (strings as UTF-8). */
export function sha256(...parts: (Uint8Array | string)[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard base64 (RFC 4648 §4) in its one canonical spelling, or undefined. Node's own
 * decoder skips bad characters and ignores the unused low bits of the last character, so
 * several texts decode to the same bytes: a signed text could then be altered and still
 * verify. Only the text that re-encoding gives back is accepted.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A decimal with no leading zeros (`0` itself allowed) that fits a safe integer, or undefined. */
export function parseDecimal(text: string): number | undefined {
  if (!/^(?:0|[1-9][0-9]*)$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** A size or an index: an integer from 0 to 2^53 - 1, where a JS number is exact. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Valid UTF-8 (no lone surrogates in a JS string, no bad sequences in bytes), decoded. */
export function decodeUtf8(input: string | Uint8Array): string | undefined {
  if (typeof input === 'string') {
    // A lone surrogate has no UTF-8 form: encoding replaces it, so the round trip differs.
    return Buffer.from(input, 'utf8').toString('utf8') === input ? input : undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  } catch {
    return undefined;
  }
}
