import { Decimal } from 'decimal.js';
import { ErrorCodes, invalid } from '../errors.js';

/**
 * Amounts travel as decimal strings, never JS numbers: 0.1 + 0.2 and 2^53 must not leak
 * into a compliance record. One plain notation only (no exponent, no '+', no spaces, no
 * thousands separators) so that what a source printed is what we store.
 */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** Far beyond any real figure; bounds the work a hostile input can cause. */
export const MAX_DECIMAL_LENGTH = 100;

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_DECIMAL_LENGTH && DECIMAL_PATTERN.test(value);
}

export function assertDecimalString(value: unknown, field: string): asserts value is string {
  if (!isDecimalString(value)) {
    throw invalid(
      ErrorCodes.invalidDecimal,
      `${field} must be a decimal string such as "110000000" or "0.9188" (got ${describeInput(value)})`,
      field,
    );
  }
}

export function parseDecimal(value: unknown, field: string): Decimal {
  assertDecimalString(value, field);
  return new Decimal(value);
}

/** The one spelling of a decimal's value: '110000000.00' → '110000000', '-0' → '0'. */
export function canonicalDecimal(value: string, field = 'value'): string {
  // The constructor keeps every digit (precision only applies to arithmetic), and
  // toFixed() without places never rounds nor switches to exponent notation.
  return parseDecimal(value, field).toFixed();
}

export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  return parseDecimal(a, 'a').comparedTo(parseDecimal(b, 'b')) as -1 | 0 | 1;
}

/** Value equality: '110000000' equals '110000000.0'. */
export function decimalsEqual(a: string, b: string): boolean {
  return compareDecimals(a, b) === 0;
}

function describeInput(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return typeof value;
}
