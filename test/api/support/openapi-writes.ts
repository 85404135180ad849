import type { TestLedger } from '../../support/test-ledger.js';
import type { Schema } from './body-mutations.js';

export interface WriteRoute {
  /** `POST /deals/{dealId}/investments`, as the document names it. */
  key: string;
  /** The JSON request body's schema; undefined for a route that takes none. */
  body: Schema | undefined;
}

interface Document {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Every route of the served OpenAPI document that writes (any method but GET), and a $ref resolver. */
export async function openApiWriteRoutes(ledger: TestLedger): Promise<{ routes: WriteRoute[]; resolve: (schema: Schema) => Schema }> {
  const document = (await ledger.http().get('/docs/openapi.json').expect(200)).body as Document;
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      const target = document.components?.schemas?.[name];
      if (!target) throw new Error(`openapi: no schema ${schema.$ref}`);
      return resolve(target);
    }
    // Swagger writes a described $ref as `allOf: [{ $ref }]`.
    if (schema.allOf?.length === 1 && !schema.properties) return resolve(schema.allOf[0]!);
    return schema;
  };
  const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, body: operation.requestBody?.content?.['application/json']?.schema })),
  );
  return { routes, resolve };
}
