/**
 * Legal Entity Identifiers (ISO 17442): 18 upper-case letters or digits, then two check
 * digits by ISO 7064 MOD 97-10 — each letter read as two digits (A=10 … Z=35), the whole
 * number taken mod 97 must be 1 (the IBAN rule). Only the check digits are verified here:
 * whether GLEIF issued the code is a question for its registry, not for the ledger.
 */
export const LEI_PATTERN = /^[0-9A-Z]{18}[0-9]{2}$/;

/** The remainder mod 97 of the digits a string of 0-9 and A-Z stands for, read left to right. */
export function mod97(text: string): number {
  let remainder = 0;
  for (const character of text) {
    // parseInt in base 36 gives exactly the ISO 7064 values: '0'…'9' → 0…9, 'A'…'Z' → 10…35.
    const value = Number.parseInt(character, 36);
    remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
  }
  return remainder;
}

export function isValidLei(value: unknown): value is string {
  return typeof value === 'string' && LEI_PATTERN.test(value) && mod97(value) === 1;
}

/** The two check digits that make `prefix` (18 characters of 0-9 A-Z) a valid LEI. */
export function leiCheckDigits(prefix: string): string {
  return String(98 - mod97(`${prefix}00`)).padStart(2, '0');
}
