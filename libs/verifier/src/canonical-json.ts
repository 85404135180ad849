/**
 * JSON with object keys sorted at every depth and no insignificant white space, so that
 * the same value always gives the same bytes: the basis of fingerprints and hashes.
 * `undefined` members are dropped, as JSON.stringify does (and `undefined` array items
 * become null).
 *
 * Keys are sorted by UTF-16 code units and written in that order, which is RFC 8785 (JCS)
 * for the values the store accepts, so a hash can be recomputed in any language. The
 * string is built here rather than by JSON.stringify over a sorted copy: a JS object puts
 * integer-like keys ("9", "10") first in numeric order whatever the insertion order, and a
 * copy would turn a "__proto__" key (which JSON.parse creates as an ordinary member) into
 * a prototype, dropping it from the hash.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value) as string;
}

// Built by concatenation, not by arrays joined: this runs for every event hashed and every
// command fingerprinted, and the intermediate arrays were most of its cost.
function serialise(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      // JSON.stringify's own number (shortest round trip, NaN → null) and string escaping.
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + (serialise(value[i]) ?? 'null');
        return text + ']';
      }
      let text = '';
      for (const key of Object.keys(value).sort()) {
        const member = serialise((value as Record<string, unknown>)[key]);
        if (member !== undefined) text += (text === '' ? '' : ',') + quoted(key) + ':' + member;
      }
      return '{' + text + '}';
    }
    default:
      // undefined, functions, symbols: left out, as JSON.stringify leaves them out.
      return undefined;
  }
}

/** Most keys are plain names, which JSON quotes as they are; any other goes through JSON.stringify's escaping. */
const PLAIN_KEY = /^[A-Za-z0-9_$.-]*$/;
const quoted = (key: string): string => (PLAIN_KEY.test(key) ? '"' + key + '"' : JSON.stringify(key));
