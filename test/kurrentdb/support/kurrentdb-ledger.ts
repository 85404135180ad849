import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ApiKeyRegistry, loadConfig, openLedgerRuntime, type LedgerConfig, type LedgerRuntime } from '#runtime';
import { createHttpApp } from '../../../apps/api/src/index.js';
import { bearer, WRITER_KEY } from '../../support/test-ledger.js';

export interface LedgerReplica {
  runtime: LedgerRuntime;
  /** Requests as analyst-1 (admin), like the SQLite tests' ledger. */
  http: () => ReturnType<typeof request.agent>;
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
  // The keys stream lives on the server too: every replica follows the same keys.
  const apiKeys = new ApiKeyRegistry([{ name: 'analyst-1', roles: ['admin'], key: WRITER_KEY }], runtime.keyEvents.trust);
  await apiKeys.follow(runtime.store);
  const app: NestExpressApplication = await createHttpApp({ runtime, apiKeys }, false);
  await app.init();
  return {
    runtime,
    http: () => request.agent(app.getHttpServer()).set(bearer(WRITER_KEY)),
    auth: bearer(WRITER_KEY),
    async close() {
      apiKeys.close();
      await app.close();
      await runtime.close();
    },
  };
}
