import { join, resolve } from 'node:path';
import type { TamperEvidenceSettings } from '#application';

export type StoreKind = 'sqlite' | 'memory' | 'kurrentdb';

/** Where the events live when LEDGER_STORE=kurrentdb. */
export interface KurrentDbConfig {
  /** KURRENTDB_CONNECTION_STRING: `kurrentdb://host:2113?tls=false`, `kurrentdb+discover://…` for a cluster. */
  connectionString: string;
  /** KURRENTDB_STREAM_PREFIX: put before every stream name, to share one server between ledgers. */
  streamPrefix?: string;
}

export interface LedgerConfig {
  port: number;
  host: string;
  dataDir: string;
  store: StoreKind;
  /** SQLite durability of the event log: FULL survives power loss, NORMAL only process crashes. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Set when `store` is 'kurrentdb'. */
  kurrentdb?: KurrentDbConfig;
  /** `actor:key` pairs accepted besides the keys file. */
  apiKeys?: string;
  /** Load the reference deal into an empty store at start. */
  seedReferenceDeal: boolean;
  /** The checkpoint signing key; unset: `<dataDir>/checkpoint-signing-key.pem` (see tamperEvidenceSettings). */
  signingKeyFile?: string;
}

/** Configuration comes from the environment only; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0–65535, not ${env.PORT}`);
  const store = env.LEDGER_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'memory' && store !== 'kurrentdb') {
    throw new Error(`LEDGER_STORE must be sqlite, memory or kurrentdb, not ${store}`);
  }
  const kurrentdb = store === 'kurrentdb' ? kurrentDbConfig(env) : undefined;
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
    ...(kurrentdb ? { kurrentdb } : {}),
    ...(env.LEDGER_API_KEYS ? { apiKeys: env.LEDGER_API_KEYS } : {}),
    seedReferenceDeal: (env.LEDGER_SEED ?? 'reference') !== 'none',
    ...(env.LEDGER_SIGNING_KEY_FILE ? { signingKeyFile: resolve(env.LEDGER_SIGNING_KEY_FILE) } : {}),
  };
}

function kurrentDbConfig(env: NodeJS.ProcessEnv): KurrentDbConfig {
  const connectionString = env.KURRENTDB_CONNECTION_STRING?.trim();
  if (!connectionString) {
    throw new Error('LEDGER_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false)');
  }
  const streamPrefix = env.KURRENTDB_STREAM_PREFIX;
  if (streamPrefix !== undefined && !/^[A-Za-z0-9_.]*$/.test(streamPrefix)) {
    throw new Error(`KURRENTDB_STREAM_PREFIX may hold letters, digits, '_' and '.' only, not ${JSON.stringify(streamPrefix)}`);
  }
  return { connectionString, ...(streamPrefix ? { streamPrefix } : {}) };
}

/** Where the signing key and the checkpoint files live: derived from the data dir unless set. */
export function tamperEvidenceSettings(config: LedgerConfig): TamperEvidenceSettings {
  return {
    signingKeyFile: config.signingKeyFile ?? join(config.dataDir, 'checkpoint-signing-key.pem'),
    checkpointDir: join(config.dataDir, 'checkpoints'),
    // KurrentDB's commit times come from each writer's clock: ordered within a stream only.
    globalTimeOrder: config.store !== 'kurrentdb',
  };
}
