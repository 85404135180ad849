import fc from 'fast-check';
import { isValidLei, leiCheckDigits, mod97 } from './lei.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const prefixArb = fc.array(fc.constantFrom(...ALPHABET), { minLength: 18, maxLength: 18 }).map((chars) => chars.join(''));
const leiArb = prefixArb.map((prefix) => prefix + leiCheckDigits(prefix));

describe('LEI check digits (ISO 7064 MOD 97-10)', () => {
  it('accepts published LEIs and refuses them with a digit changed', () => {
    expect(isValidLei('506700GE1G29325QX363')).toBe(true);
    expect(isValidLei('5493001KJTIIGC8Y1R12')).toBe(true);
    expect(isValidLei('506700GE1G29325QX364')).toBe(false);
  });

  it('refuses what is not 18 characters of A-Z 0-9 then two digits', () => {
    for (const value of ['', '506700GE1G29325QX36', '506700GE1G29325QX3633', '506700ge1g29325qx363', '506700GE1G29325QX3A3', 506700, null]) {
      expect(isValidLei(value)).toBe(false);
    }
  });

  it('reads letters as two digits, A=10 … Z=35', () => {
    expect(mod97('A')).toBe(10);
    expect(mod97('Z')).toBe(35);
    expect(mod97('1A')).toBe(110 % 97);
  });

  it('accepts every code whose check digits were computed', () => {
    fc.assert(fc.property(leiArb, (lei) => isValidLei(lei)));
  });

  const isDigit = (c: string) => c >= '0' && c <= '9';

  /**
   * Every substitution that keeps a character's class (a digit for a digit, a letter for a
   * letter) keeps the length of the number it reads as, so it changes the remainder: caught.
   * A letter for a digit, or back, shifts every digit after it; such a code passes by chance
   * about once in 97 (shown below). That is ISO 7064 MOD 97-10 as the standard defines it.
   */
  it('refuses every single-character substitution of a digit for a digit or a letter for a letter', () => {
    fc.assert(
      fc.property(leiArb, fc.nat(19), fc.constantFrom(...ALPHABET), (lei, at, replacement) => {
        fc.pre(lei[at] !== replacement && isDigit(lei[at]!) === isDigit(replacement));
        const changed = lei.slice(0, at) + replacement + lei.slice(at + 1);
        return !isValidLei(changed);
      }),
      { numRuns: 2_000 },
    );
  });

  it('passes a letter replaced by a digit about once in 97: the check cannot see those two', () => {
    expect(isValidLei('2TYWUW38LXGE98G2T027')).toBe(true);
    expect(isValidLei('2TYWUW38LXGE98G26027')).toBe(true);
  });

  /**
   * MOD 97-10 reads a letter as two digits, so "B1" and "1B" both read 111 (likewise M2/2M,
   * X3/3X: a letter worth eleven times the digit). Those three swaps are the standard's own
   * blind spot, shown below; every other adjacent transposition is caught.
   */
  const blindSwap = (a: string, b: string) => [a + b, b + a].some((pair) => ['B1', 'M2', 'X3'].includes(pair));

  it('refuses every transposition of two adjacent different characters, but the three the standard cannot see', () => {
    fc.assert(
      fc.property(leiArb, fc.nat(18), (lei, at) => {
        fc.pre(lei[at] !== lei[at + 1] && !blindSwap(lei[at]!, lei[at + 1]!));
        const swapped = lei.slice(0, at) + lei[at + 1] + lei[at] + lei.slice(at + 2);
        return !isValidLei(swapped);
      }),
      { numRuns: 2_000 },
    );
  });

  it('cannot tell B1 from 1B (both read 111): a limit of ISO 7064 MOD 97-10, not of this code', () => {
    const prefix = `B1${'0'.repeat(16)}`;
    const lei = prefix + leiCheckDigits(prefix);
    expect(isValidLei(lei)).toBe(true);
    expect(isValidLei(`1B${lei.slice(2)}`)).toBe(true);
  });
});
