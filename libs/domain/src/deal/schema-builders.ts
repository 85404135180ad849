import { DECIMAL_PATTERN, MAX_DECIMAL_LENGTH } from '../values/decimal.js';
import { ID_PATTERN } from '../values/identifiers.js';
import { ISO_INSTANT } from '../values/timestamp.js';

/**
 * Small builders for the JSON Schemas (draft-07) of the event contract. `objectOf<T>()`
 * ties an object schema to a TypeScript type: the compiler checks that `properties`
 * names exactly T's members and that `required` lists every member T requires.
 */

/** A JSON Schema node, as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

interface ObjectSpec<T, R> {
  description?: string;
  properties: { readonly [K in keyof T]-?: JsonSchema };
  required: R;
}

/** A required member the schema leaves out shows up in the compiler's message as `missingRequired`. */
type AllRequiredListed<T, R extends readonly unknown[]> =
  Exclude<RequiredKeys<T>, R[number]> extends never ? unknown : { missingRequired: Exclude<RequiredKeys<T>, R[number]> };

/** A closed object schema (`additionalProperties: false`) for the type T. */
export function objectOf<T>() {
  return <const R extends readonly RequiredKeys<T>[]>(spec: ObjectSpec<T, R> & AllRequiredListed<T, R>): JsonSchema => ({
    type: 'object',
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    properties: spec.properties,
    required: [...spec.required],
    additionalProperties: false,
  });
}

export const DEFINITIONS_PREFIX = '#/definitions/';

const described = (schema: JsonSchema, description?: string): JsonSchema =>
  description === undefined ? schema : { ...schema, description };

/** Non-blank text, as the rules require it. */
export const text = (description?: string): JsonSchema => described({ type: 'string', pattern: '\\S' }, description);
export const id = (description?: string): JsonSchema => described({ type: 'string', pattern: ID_PATTERN.source }, description);
export const timestamp = (description?: string): JsonSchema => described({ type: 'string', pattern: ISO_INSTANT.source }, description);
export const decimal: JsonSchema = { type: 'string', pattern: DECIMAL_PATTERN.source, maxLength: MAX_DECIMAL_LENGTH };
export const listOf = (items: JsonSchema, description?: string, minItems?: number): JsonSchema =>
  described({ type: 'array', items, ...(minItems !== undefined ? { minItems } : {}) }, description);
export const oneOfValues = (values: readonly string[], description?: string): JsonSchema =>
  described({ type: 'string', enum: [...values] }, description);
