import { ErrorCodes, invalid } from '../errors.js';

/**
 * Shape checks for input the type system cannot vouch for: commands arrive from HTTP
 * bodies and CSV imports, so every rule re-checks what the types only promise.
 * `null` is never "absent": an optional field is either missing or valid.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function assertRecord(value: unknown, field: string): asserts value is Record<string, unknown> {
  if (!isRecord(value)) {
    throw invalid(ErrorCodes.required, value === undefined ? `${field} is required` : `${field} must be an object`, field);
  }
}

export function isNonBlankText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

export function assertRequiredText(value: unknown, field: string): asserts value is string {
  if (!isNonBlankText(value)) {
    throw invalid(ErrorCodes.required, value === undefined ? `${field} is required` : `${field} must be non-empty text`, field);
  }
}

export function assertOptionalText(value: unknown, field: string): asserts value is string | undefined {
  if (value !== undefined) assertRequiredText(value, field);
}

export function assertOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  code: string = ErrorCodes.notAllowed,
): asserts value is T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw invalid(code, `${field} must be one of ${allowed.join(', ')}`, field);
  }
}

export function assertList(
  value: unknown,
  field: string,
  options: { nonEmpty: boolean },
): asserts value is unknown[] {
  if (!Array.isArray(value) || (options.nonEmpty && value.length === 0)) {
    throw invalid(ErrorCodes.invalidList, `${field} must be a${options.nonEmpty ? ' non-empty' : ''} list`, field);
  }
}

/** A list of words as reported ("equity", "debt"): each entry non-empty. */
export function assertTextList(value: unknown, field: string, options: { nonEmpty: boolean }): asserts value is string[] {
  assertList(value, field, options);
  value.forEach((entry, index) => assertRequiredText(entry, `${field}[${index}]`));
}
