import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import {
  ApiKeyRegistry,
  createHttpApp,
  loadConfig,
  openLedgerRuntime,
  parseApiKeysSetting,
  type LedgerConfig,
  type LedgerRuntime,
} from '../../../apps/api/src/index.js';
import { WRITER_KEY } from '../../support/test-ledger.js';

export interface LedgerReplica {
  runtime: LedgerRuntime;
  http: () => ReturnType<typeof request>;
  auth: { Authorization: string };
  close(): Promise<void>;
}

/**
 * One replica of the ledger on KurrentDB, as a deployment runs it: the events on the
 * server (under `streamPrefix`), the read models in a SQLite file of its own data directory.
 */
export async function startReplica(options: { connectionString: string; streamPrefix: string; dataDir: string }): Promise<LedgerReplica> {
  const config: LedgerConfig = {
    ...loadConfig({}),
    dataDir: options.dataDir,
    store: 'kurrentdb',
    kurrentdb: { connectionString: options.connectionString, streamPrefix: options.streamPrefix },
    seedReferenceDeal: false,
  };
  const runtime = await openLedgerRuntime(config);
  const app: NestExpressApplication = await createHttpApp(
    { runtime, apiKeys: new ApiKeyRegistry(parseApiKeysSetting(`analyst-1:${WRITER_KEY}`)) },
    false,
  );
  await app.init();
  return {
    runtime,
    http: () => request(app.getHttpServer()),
    auth: { Authorization: `Bearer ${WRITER_KEY}` },
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
