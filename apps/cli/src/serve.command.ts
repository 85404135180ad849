import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ApiKeyRegistry,
  createHttpApp,
  loadConfig,
  loadOrCreateKeyFile,
  openLedgerRuntime,
  parseApiKeysSetting,
  type LedgerConfig,
} from '../../api/src/index.js';
import { importFile } from './import/import-file.js';
import { describeOperation } from './projections/describe-operation.js';

/** The reference deal (Caremag, 2025-03-17, facts 1–14), loaded into an empty store. */
export const REFERENCE_DEAL_FILE = fileURLToPath(new URL('../../../../seed/caremag-2025.jsonl', import.meta.url));
/** The web page `npm run build` puts in dist/web, served at `/`. */
const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

export interface RunningLedger {
  url: string;
  close(): Promise<void>;
}

/** Opens the store and read models, seeds an empty store, and serves HTTP. */
export async function serve(config: LedgerConfig = loadConfig(), log: (line: string) => void = console.log): Promise<RunningLedger> {
  const runtime = await openLedgerRuntime(config, {
    onProjectionError: (error) => log(`projection faulted: ${error instanceof Error ? error.message : String(error)}`),
    onProjectionOperation: (operation) => log(describeOperation(operation)),
  });
  const keyFile = config.store === 'memory' ? undefined : loadOrCreateKeyFile(
    join(config.dataDir, 'api-keys.json'),
    join(config.dataDir, 'local-api-key'),
    new Date(),
  );
  const apiKeys = new ApiKeyRegistry([...(keyFile?.keys ?? []), ...parseApiKeysSetting(config.apiKeys)]);

  if (config.seedReferenceDeal && (await runtime.store.headPosition()) === 0) {
    const summary = await importFile(runtime.store, REFERENCE_DEAL_FILE, { actor: 'seed:reference-deal' });
    await runtime.runner.catchUp();
    log(`Loaded the reference deal (caremag-2025): ${summary.events} events from ${summary.recorded} facts`);
  }

  const app = await createHttpApp({ runtime, apiKeys, webRoot: WEB_ROOT }, ['error', 'warn']);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  if (keyFile?.createdKeyFile) log(`Created a local API key for actor local-analyst: ${keyFile.createdKeyFile}`);
  else if (keyFile) log(`API keys: ${join(config.dataDir, 'api-keys.json')} (${apiKeys.size} keys)`);
  if (apiKeys.size === 0) log('No API key is configured: writes will be refused (set LEDGER_API_KEYS=actor:key)');
  log(`Web page: ${url}/`);
  log(`API docs: ${url}/docs`);
  // Printed last: scripts and tests wait for this line.
  log(`Deal Ledger on ${url} (store: ${config.store}${config.store === 'sqlite' ? `, ${config.dataDir}` : ''})`);

  return {
    url,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
