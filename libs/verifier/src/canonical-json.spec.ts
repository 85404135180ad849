import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson (the bytes every event hash is over)', () => {
  it('sorts keys by UTF-16 code unit at every depth, integer-like keys too, with no white space', () => {
    expect(canonicalJson({ b: [{ z: 1, y: null }], a: { 10: true, 9: false, B: 'x' } })).toBe('{"a":{"10":true,"9":false,"B":"x"},"b":[{"y":null,"z":1}]}');
  });

  it('writes numbers and strings as RFC 8785 does (the ECMAScript forms): shortest round trip, minimal escapes', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.1 + 0.2, 100])).toBe('[1e+21,1e-7,0,0.30000000000000004,100]');
    expect(canonicalJson({ s: '€"\\\n\u0001\u2028' })).toBe('{"s":"€\\"\\\\\\n\\u0001\u2028"}');
  });

  it('keeps a "__proto__" member that JSON.parse made an ordinary key', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"a":1}}'))).toBe('{"__proto__":{"a":1},"b":1}');
  });

  it('is a fixed point: parsing its output and writing it again gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
