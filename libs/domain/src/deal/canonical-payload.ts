import type { DealEvent } from './deal-events.js';
import { SHARED_DEFINITIONS, dealEventDefinition, type JsonSchema, type SharedDefinitionName } from './deal-event-schemas.js';
import { DEFINITIONS_PREFIX } from './schema-builders.js';

/**
 * The payload an event stores, copied by its schema: the members the schema names, in the
 * schema's order, absent optionals left out rather than `undefined`, at every depth. So
 * whatever else a caller sent (an HTTP body, an import row) never reaches the store, and the
 * same fact always serialises to the same JSON, which the hash chain depends on. The event
 * schemas (deal-event-schemas.ts) are the one list of a payload's members; nothing else
 * lists them again.
 */
export function canonicalEvent<E extends DealEvent>(event: E): E {
  const definition = dealEventDefinition(event.type);
  if (definition === undefined) throw new Error(`No schema for event type ${event.type}`);
  return { ...event, data: copyBySchema(definition.schema, event.data) as E['data'] };
}

/** A value of one of the shared shapes (a figure report, a source…), copied by its schema. */
export function copyAs<T>(name: SharedDefinitionName, value: T): T {
  return copyBySchema(SHARED_DEFINITIONS[name], value) as T;
}

/** A value copied by a schema whose references name SHARED_DEFINITIONS (party events use it too). */
export function copyBySchema(schema: JsonSchema, value: unknown): unknown {
  if (typeof schema.$ref === 'string') {
    return copyBySchema(SHARED_DEFINITIONS[schema.$ref.slice(DEFINITIONS_PREFIX.length) as SharedDefinitionName], value);
  }
  if (Array.isArray(schema.oneOf)) return copyBySchema(variantFor(schema.oneOf as JsonSchema[], value), value);
  if (schema.type === 'array' && Array.isArray(value)) return value.map((item) => copyBySchema(schema.items as JsonSchema, item));
  if (schema.type !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const properties = schema.properties as Record<string, JsonSchema>;
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(properties)) {
    if (source[name] !== undefined) copy[name] = copyBySchema(member, source[name]);
  }
  return copy;
}

/** The alternative whose `kind` constant the value carries (a measure); the rules have refused any other. */
function variantFor(variants: JsonSchema[], value: unknown): JsonSchema {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  const variant = variants.find((candidate) => (candidate.properties as Record<string, JsonSchema>).kind?.const === kind);
  if (variant === undefined) throw new Error(`No schema alternative for kind ${JSON.stringify(kind)}`);
  return variant;
}
