import { resolve } from 'node:path';

export type StoreKind = 'sqlite' | 'memory';

export interface LedgerConfig {
  port: number;
  host: string;
  dataDir: string;
  store: StoreKind;
  /** SQLite durability of the event log: FULL survives power loss, NORMAL only process crashes. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** `actor:key` pairs accepted besides the keys file. */
  apiKeys?: string;
  /** Load the reference deal into an empty store at start. */
  seedReferenceDeal: boolean;
}

/** Configuration comes from the environment only; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0–65535, not ${env.PORT}`);
  const store = env.LEDGER_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'memory') {
    throw new Error(`LEDGER_STORE must be sqlite or memory, not ${store}`);
  }
  const synchronous = (env.LEDGER_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new Error(`LEDGER_SQLITE_SYNCHRONOUS must be FULL or NORMAL, not ${synchronous}`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.LEDGER_DATA_DIR ?? './data'),
    store,
    sqliteSynchronous: synchronous,
    ...(env.LEDGER_API_KEYS ? { apiKeys: env.LEDGER_API_KEYS } : {}),
    seedReferenceDeal: (env.LEDGER_SEED ?? 'reference') !== 'none',
  };
}
