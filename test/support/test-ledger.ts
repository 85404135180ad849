import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  type RuntimeOptions,
  type SubscriptionOptions,
} from '../../apps/api/src/index.js';

export const WRITER_KEY = 'test-writer-key';
export const OTHER_WRITER_KEY = 'test-other-writer-key';

export interface TestLedger {
  app: NestExpressApplication;
  runtime: LedgerRuntime;
  config: LedgerConfig;
  http: () => ReturnType<typeof request>;
  /** Bearer header of the `analyst-1` writer. */
  auth: { Authorization: string };
  close(): Promise<void>;
}

/** A temporary data directory, removed by the returned function. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'deal-ledger-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The real ledger over a real SQLite file (or the in-memory store), real HTTP through
 * supertest: nothing is mocked.
 */
export async function startTestLedger(options: {
  dataDir: string;
  store?: 'sqlite' | 'memory';
  /** The store's clock: recorded times become part of what a test asserts. */
  clock?: () => Date;
  /** Event stream tuning (a short heartbeat, a small reader buffer). */
  subscriptions?: SubscriptionOptions;
  /** Runtime options beyond the clock (e.g. the projections to feed). */
  runtime?: RuntimeOptions;
}): Promise<TestLedger> {
  const config: LedgerConfig = {
    ...loadConfig({}),
    dataDir: options.dataDir,
    store: options.store ?? 'sqlite',
    seedReferenceDeal: false,
  };
  const runtime = await openLedgerRuntime(config, { ...(options.clock ? { clock: options.clock } : {}), ...options.runtime });
  const apiKeys = new ApiKeyRegistry(parseApiKeysSetting(`analyst-1:${WRITER_KEY},analyst-2:${OTHER_WRITER_KEY}`));
  const app = await createHttpApp({ runtime, apiKeys, subscriptions: options.subscriptions }, false);
  await app.init();
  return {
    app,
    runtime,
    config,
    http: () => request(app.getHttpServer()),
    auth: { Authorization: `Bearer ${WRITER_KEY}` },
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
