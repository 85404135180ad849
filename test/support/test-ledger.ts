import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import {
  ApiKeyRegistry,
  loadConfig,
  openLedgerRuntime,
  type JwtSettings,
  JwtVerifier,
  type LedgerConfig,
  type LedgerRuntime,
  type RateLimit,
  type RuntimeOptions,
  type StaticApiKey,
} from '#runtime';
import { createHttpApp, type AppModuleOptions, type LedgerLogger, type SubscriptionOptions } from '../../apps/api/src/index.js';
import type { Role } from '#domain';
import type { SelfHealing } from '#event-store';

/** `analyst-1`: holds every role (admin), so that tests about other things are not about access. */
export const WRITER_KEY = 'test-writer-key';
/** `analyst-2`: a writer. */
export const OTHER_WRITER_KEY = 'test-other-writer-key';

/** One key per role, each acting as `<role>-1` (e.g. `auditor-1`). */
export const ROLE_KEYS: Readonly<Record<Role, string>> = {
  viewer: 'test-viewer-key',
  auditor: 'test-auditor-key',
  writer: 'test-role-writer-key',
  subscriber: 'test-subscriber-key',
  witness: 'test-witness-key',
  admin: 'test-admin-key',
};

export const bearer = (key: string): { Authorization: string } => ({ Authorization: `Bearer ${key}` });

const TEST_KEYS: StaticApiKey[] = [
  { name: 'analyst-1', roles: ['admin'], key: WRITER_KEY },
  { name: 'analyst-2', roles: ['writer'], key: OTHER_WRITER_KEY },
  ...Object.entries(ROLE_KEYS).map(([role, key]) => ({ name: `${role}-1`, roles: [role as Role], key })),
];

export interface TestLedger {
  app: NestExpressApplication;
  runtime: LedgerRuntime;
  config: LedgerConfig;
  /** Requests as `analyst-1` (every role); `.set()` another Authorization to be someone else. */
  http: () => ReturnType<typeof request.agent>;
  /** Requests with no credential at all. */
  anonymous: () => ReturnType<typeof request>;
  /** Bearer header of `analyst-1`. */
  auth: { Authorization: string };
  /** The issued keys (`access-keys` stream) and the static ones, as the server sees them. */
  apiKeys: ApiKeyRegistry;
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
  /** Requests per identity; unset: so many that only tests about the limit meet it. */
  rateLimit?: RateLimit;
  /** Accept bearer JWTs checked with these settings, besides the test keys. */
  jwt?: JwtSettings;
  /** Settings beyond the defaults (a TSA, an origin…). */
  config?: Partial<LedgerConfig>;
  /** How long commands and reads wait for the read models (short, where a test makes them wait). */
  application?: AppModuleOptions['application'];
  /** More parts that follow the log (for /health/ready and its retry), beside the ledger's own. */
  components?: SelfHealing[];
  /** The JSON logger requests are logged to (none: nothing is logged). */
  log?: LedgerLogger;
}): Promise<TestLedger> {
  const config: LedgerConfig = {
    ...loadConfig({}),
    dataDir: options.dataDir,
    store: options.store ?? 'sqlite',
    seedReferenceDeal: false,
    ...options.config,
  };
  const runtime = await openLedgerRuntime(config, { ...(options.clock ? { clock: options.clock } : {}), ...options.runtime });
  runtime.selfHealing.push(...(options.components ?? []));
  const apiKeys = new ApiKeyRegistry(TEST_KEYS, runtime.keyEvents.trust);
  await apiKeys.follow(runtime.store);
  const app = await createHttpApp(
    {
      runtime,
      apiKeys,
      ...(options.jwt ? { jwt: new JwtVerifier(options.jwt) } : {}),
      rateLimit: options.rateLimit ?? { limit: 1_000_000, windowMs: 60_000 },
      subscriptions: options.subscriptions,
      ...(options.application ? { application: options.application } : {}),
      operations: config.operations,
      ...(options.log ? { log: options.log } : {}),
    },
    false,
  );
  await app.init();
  return {
    app,
    runtime,
    config,
    http: () => request.agent(app.getHttpServer()).set(bearer(WRITER_KEY)),
    anonymous: () => request(app.getHttpServer()),
    auth: bearer(WRITER_KEY),
    apiKeys,
    async close() {
      apiKeys.close();
      await app.close();
      await runtime.close();
    },
  };
}
