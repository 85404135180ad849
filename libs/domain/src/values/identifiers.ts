import { ErrorCodes, invalid } from '../errors.js';

/**
 * Ids that users choose (deal, party, figure, note ids) end up in stream names and URLs,
 * so they are held to one conservative alphabet. No `$` (KurrentDB system streams),
 * no `/` or `..` (path tricks).
 */
export const ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value) && value !== '.' && value !== '..';
}

export function assertValidId(value: unknown, field: string): asserts value is string {
  if (!isValidId(value)) {
    throw invalid(ErrorCodes.invalidId, `${field} must be 1–100 characters of A-Z a-z 0-9 . _ -`, field);
  }
}
