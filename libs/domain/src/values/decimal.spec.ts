import fc from 'fast-check';
import { DomainError } from '../errors.js';
import {
  MAX_DECIMAL_LENGTH,
  assertDecimalString,
  canonicalDecimal,
  compareDecimals,
  decimalsEqual,
  isDecimalString,
} from './decimal.js';

const decimalString = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{1,30}$/), fc.option(fc.stringMatching(/^\d{1,20}$/), { nil: undefined }))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction !== undefined ? `.${fraction}` : ''}`);

describe('decimal strings', () => {
  it.each(['0', '110000000', '110000000.00', '0.9188', '-12.5', '007'])('accepts %j', (value) => {
    expect(isDecimalString(value)).toBe(true);
  });

  it.each(['', ' 1', '1 ', '1e6', '1E6', '+1', '.5', '5.', '1,000', '1_000', '--1', '0x10', 'NaN', 'Infinity', '١٢'])(
    'rejects %j',
    (value) => {
      expect(isDecimalString(value)).toBe(false);
    },
  );

  it('rejects JS numbers, even whole ones', () => {
    expect(isDecimalString(110000000)).toBe(false);
    expect(() => assertDecimalString(0.1, 'amount')).toThrow(DomainError);
  });

  it('rejects absurdly long strings', () => {
    expect(isDecimalString('1'.repeat(MAX_DECIMAL_LENGTH))).toBe(true);
    expect(isDecimalString('1'.repeat(MAX_DECIMAL_LENGTH + 1))).toBe(false);
  });

  it('fails with FIGURE.INVALID_DECIMAL and the field', () => {
    expect(() => assertDecimalString('1e6', 'amount.value.amount')).toThrow(
      expect.objectContaining({ code: 'FIGURE.INVALID_DECIMAL', field: 'amount.value.amount', kind: 'invalid' }),
    );
  });

  it.each([
    ['110000000.00', '110000000'],
    ['1.50', '1.5'],
    ['007', '7'],
    ['-0.00', '0'],
    ['0.9188', '0.9188'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('canonical form of %j is %j', (value, canonical) => {
    expect(canonicalDecimal(value)).toBe(canonical);
  });

  it('compares by value, not by spelling', () => {
    expect(decimalsEqual('110000000', '110000000.0')).toBe(true);
    expect(decimalsEqual('0.1', '0.10000000000000000000001')).toBe(false);
    expect(compareDecimals('9', '10')).toBe(-1);
    expect(compareDecimals('-1', '-2')).toBe(1);
    expect(compareDecimals('2.50', '2.5')).toBe(0);
  });

  it('property: the canonical form is idempotent and equal in value', () => {
    fc.assert(
      fc.property(decimalString, (value) => {
        const canonical = canonicalDecimal(value);
        expect(canonicalDecimal(canonical)).toBe(canonical);
        expect(decimalsEqual(value, canonical)).toBe(true);
        expect(isDecimalString(canonical)).toBe(true);
      }),
    );
  });

  it('property: comparison is antisymmetric', () => {
    fc.assert(
      fc.property(decimalString, decimalString, (a, b) => {
        expect(compareDecimals(a, b)).toBe(-compareDecimals(b, a) || 0);
      }),
    );
  });
});
