/**
 * Spoiled copies of a valid request body, driven by its OpenAPI schema: for every field at
 * every depth (those the body has and those the schema allows it), left out, null, of
 * another JSON type, an array for an object, an object for a string, and an unknown key
 * beside it; and the whole body as an array, a string, null.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Key = string | number;

/** The parts of an OpenAPI schema object this walk reads ($refs already resolved by `resolve`). */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
}

export interface Mutation {
  /** The field, as validation errors name it: `stake.value.measure`, `parties[0].kind`; '' for the whole body. */
  field: string;
  label: string;
  /** Leaving out or nulling an optional field (or one element of a list): the command may stay valid. */
  mayBeValid: boolean;
  /** The spoiled copy of a valid body (of the shape the mutation was made from). */
  apply(valid: Json): Json;
}

/** A field's name the way flattenValidationErrors (libs/contract/src/validation.ts) writes it. */
export function fieldName(path: readonly Key[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

const UNKNOWN_KEY = 'hostileUnknownField';

/**
 * What a value of each JSON type is spoiled into, besides left out and null: the other
 * scalar types, an object for a string, an array for an object, a string for either.
 */
function retypes(type: string): { label: string; value: Json }[] {
  switch (type) {
    case 'string':
      return [{ label: 'a number', value: 42 }, { label: 'a boolean', value: true }, { label: 'an object', value: {} }];
    case 'number':
    case 'integer':
      return [{ label: 'a string', value: '42' }, { label: 'a boolean', value: true }];
    case 'boolean':
      return [{ label: 'a string', value: 'true' }, { label: 'a number', value: 1 }];
    case 'object':
      return [{ label: 'an array', value: [{}] }, { label: 'a string', value: 'x' }];
    case 'array':
      return [{ label: 'an object', value: {} }, { label: 'a string', value: 'x' }];
    default:
      return [];
  }
}

function jsonType(value: Json): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

export function schemaType(schema: Schema): string | undefined {
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  return undefined;
}

/** The body with the value at `path` replaced (or left out, for `undefined`). */
export function withValueAt(body: Json, path: readonly Key[], value: Json | undefined): Json {
  const copy = structuredClone(body) as Record<Key, Json>;
  let parent: Record<Key, Json> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<Key, Json>;
  const last = path.at(-1)!;
  if (value !== undefined) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/** Every mutation of `body` that `schema` (resolved with `resolve`) gives. */
export function mutationsOf(body: Json, schema: Schema, resolve: (schema: Schema) => Schema): Mutation[] {
  const out: Mutation[] = [
    { field: '', label: 'the body as an array', mayBeValid: false, apply: (valid) => [valid] },
    { field: '', label: 'the body as a string', mayBeValid: false, apply: () => 'x' },
    { field: '', label: 'the body as null', mayBeValid: false, apply: () => null },
  ];
  walk(body, body, resolve(schema), [], resolve, out);
  return out;
}

function walk(body: Json, value: Json, schema: Schema, path: Key[], resolve: (s: Schema) => Schema, out: Mutation[]): void {
  const type = schemaType(schema);
  if (type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    out.push({ field: fieldName([...path, UNKNOWN_KEY]), label: 'an unknown key', mayBeValid: false, apply: (valid) => withValueAt(valid, [...path, UNKNOWN_KEY], 1) });
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      const childSchema = resolve(child);
      const childPath = [...path, name];
      const optional = !(schema.required ?? []).includes(name);
      const present = Object.hasOwn(value, name);
      const field = fieldName(childPath);
      if (present) out.push({ field, label: 'left out', mayBeValid: optional, apply: (valid) => withValueAt(valid, childPath, undefined) });
      out.push({ field, label: 'null', mayBeValid: optional, apply: (valid) => withValueAt(valid, childPath, null) });
      const actual = present ? jsonType(value[name]!) : schemaType(childSchema);
      for (const { label, value: spoilt } of retypes(actual ?? '')) out.push({ field, label, mayBeValid: false, apply: (valid) => withValueAt(valid, childPath, spoilt) });
      if (present) walk(body, value[name]!, childSchema, childPath, resolve, out);
    }
  } else if (type === 'array' && Array.isArray(value) && value.length > 0 && schema.items) {
    // The first element stands for all: each element has the same schema.
    const itemSchema = resolve(schema.items);
    const itemPath = [...path, 0];
    const field = fieldName(itemPath);
    out.push({ field, label: 'left out', mayBeValid: true, apply: (valid) => withValueAt(valid, itemPath, undefined) });
    out.push({ field, label: 'null', mayBeValid: false, apply: (valid) => withValueAt(valid, itemPath, null) });
    for (const { label, value: spoilt } of retypes(jsonType(value[0]!))) out.push({ field, label, mayBeValid: false, apply: (valid) => withValueAt(valid, itemPath, spoilt) });
    walk(body, value[0]!, itemSchema, itemPath, resolve, out);
  }
}

/** The fields of `value` the schema does not describe: a fixture the document does not cover. */
export function undocumentedFields(value: Json, schema: Schema, resolve: (s: Schema) => Schema, path: Key[] = []): string[] {
  const type = schemaType(schema);
  if (Array.isArray(value)) return type === 'array' && schema.items ? value.flatMap((v, i) => undocumentedFields(v, resolve(schema.items!), resolve, [...path, i])) : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, child]) => {
    const childSchema = schema.properties?.[name];
    return childSchema ? undocumentedFields(child, resolve(childSchema), resolve, [...path, name]) : [fieldName([...path, name])];
  });
}
