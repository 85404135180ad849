import { InvalidArgumentError } from './event-store.errors.js';

/**
 * Event data and metadata are stored as JSON text. Anything JSON.stringify would change
 * silently is refused instead (NaN → null, a Date → a string, a Decimal → a string, an
 * `undefined` array item → null), so that what is read back is what was written: for a
 * ledger a figure that quietly became null is worse than a failed write. Two losses are
 * accepted: an `undefined` object member reads back as an absent member (how optional
 * fields are written in TypeScript), and -0 reads back as 0.
 */
export function encodeJsonObject(value: unknown, argument: string): string {
  if (!isPlainObject(value)) throw new InvalidArgumentError(argument, 'must be a plain JSON object');
  try {
    return JSON.stringify(value, function (this: unknown, key: string, replaced: unknown) {
      // `this[key]` is the value before any toJSON() ran: the only way to see a Date.
      const original = (this as Record<string, unknown>)[key];
      const problem = whyNotJson(original, Array.isArray(this));
      if (problem) throw new InvalidArgumentError(argument, `${key === '' ? 'the value' : `member ${JSON.stringify(key)}`} ${problem}`);
      return replaced;
    });
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    // Circular structures are the remaining way JSON.stringify fails.
    throw new InvalidArgumentError(argument, `is not serialisable as JSON (${(error as Error).message})`);
  }
}

function whyNotJson(value: unknown, inArray: boolean): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `is ${value}, which JSON cannot hold`;
    case 'undefined':
      return inArray ? 'is undefined inside an array (it would read back as null)' : undefined;
    case 'bigint':
      return 'is a bigint: store it as a string';
    case 'object':
      if (value === null || Array.isArray(value) || isPlainObject(value)) return undefined;
      return `is a ${value.constructor?.name ?? 'non-plain object'}: convert it to a string or a plain object first`;
    default:
      return `is a ${typeof value}, which JSON cannot hold`;
  }
}

/** Realm-independent (an object from another vm context or structuredClone still counts). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
