import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEAL_EVENT_DEFINITIONS, dealEventSchemaDocument, type JsonSchema } from '#domain';

/** The `/schemas` documents the release before the real-deals model published (see the fixture's name). */
const PUBLISHED = join(__dirname, '..', 'fixtures', 'schemas', 'release-85fbd27.json');

/** A schema document with every reference replaced by what it names, and without its summary. */
function meaningOf(document: JsonSchema): unknown {
  const definitions = document.definitions as Record<string, unknown>;
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (typeof node !== 'object' || node === null) return node;
    const { $ref, ...rest } = node as Record<string, unknown>;
    const named = typeof $ref === 'string' ? resolve(definitions[$ref.slice('#/definitions/'.length)]) : {};
    return { ...(named as object), ...Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, resolve(value)])) };
  };
  const { definitions: _definitions, description: _description, ...schema } = document;
  return resolve(schema);
}

describe('the event schemas published before the real-deals model', () => {
  it('are all still published, each with the meaning it had', () => {
    const published = JSON.parse(readFileSync(PUBLISHED, 'utf8')) as Record<string, JsonSchema>;
    for (const [type, before] of Object.entries(published)) {
      const definition = DEAL_EVENT_DEFINITIONS.find((d) => d.type === type);
      expect({ type, published: definition !== undefined }).toEqual({ type, published: true });
      // A version superseded since says so in its summary; what its schema accepts must not change.
      expect({ type, schema: meaningOf(dealEventSchemaDocument(definition!)) }).toEqual({ type, schema: meaningOf(before) });
    }
  });
});
