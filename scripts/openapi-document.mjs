// `npm run contract`, step 1: writes docs/openapi.json from the built API (dist), exactly as
// /docs/openapi.json serves it. The app is built over an in-memory store and never listens.
import { writeFileSync } from 'node:fs';
import { ApiKeyRegistry, loadConfig, openLedgerRuntime } from '#runtime';
import { createHttpApp } from '../dist/apps/api/src/index.js';
import { openApiDocument } from '../dist/apps/api/src/http/openapi/openapi-document.js';

const runtime = await openLedgerRuntime({ ...loadConfig({}), store: 'memory', seedReferenceDeal: false });
const app = await createHttpApp({ runtime, apiKeys: new ApiKeyRegistry([]) }, false);
try {
  writeFileSync(new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
} finally {
  await app.close();
  await runtime.close();
}
