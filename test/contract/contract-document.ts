import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiKeyRegistry, loadConfig, openLedgerRuntime } from '#runtime';
import { createHttpApp } from '../../apps/api/src/index.js';
import { openApiDocument } from '../../apps/api/src/http/openapi/openapi-document.js';

/** The OpenAPI document of the current code: the app is built over an in-memory store, never listening. */
export async function contractDocument(): Promise<OpenAPIObject> {
  const runtime = await openLedgerRuntime({ ...loadConfig({}), store: 'memory', seedReferenceDeal: false });
  const app = await createHttpApp({ runtime, apiKeys: new ApiKeyRegistry([], runtime.keyEvents.trust) }, false);
  try {
    // Through JSON, as /docs/openapi.json serves it (no undefined members).
    return JSON.parse(JSON.stringify(openApiDocument(app))) as OpenAPIObject;
  } finally {
    await app.close();
    await runtime.close();
  }
}
