import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ED25519_COSIGNATURE, parseVerifierKey } from '#verifier';
import { DEFAULT_CHECKPOINT_SCHEDULE, type CheckpointSchedule, type RetentionSchedule, type TamperEvidenceSettings, type TimestampAuthority } from '#application';
import type { EffectiveWindow } from '#domain';
import type { JwtAlgorithm, JwtSettings } from './credentials/jwt-verifier.js';
import { effectiveWindowOf } from './effective-window-setting.js';
import { DEFAULT_MAX_STREAMS_PER_IDENTITY, DEFAULT_RATE_LIMIT, type RateLimit } from './limits.js';
import { operationsSettingsOf, type OperationsSettings } from './operations-settings.js';
import { retentionScheduleOf } from './retention-settings.js';

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
  /** `name:role[+role]:key` entries accepted besides the keys issued in the ledger. */
  apiKeys?: string;
  /** Set when LEDGER_JWT_* configure bearer JWTs. */
  jwt?: JwtSettings;
  rateLimit: RateLimit;
  maxStreamsPerIdentity: number;
  /** Load the reference deal into an empty store at start. */
  seedReferenceDeal: boolean;
  /** The checkpoint signing key; unset: `<dataDir>/checkpoint-signing-key.pem` (see tamperEvidenceSettings). */
  signingKeyFile?: string;
  /** The checkpoints' origin (LEDGER_ORIGIN); unset: derived from the signing key. */
  origin?: string;
  /** When `ledger serve` signs checkpoints on its own, or 'off'. */
  checkpoints: CheckpointSchedule | 'off';
  /** LEDGER_TSA_URL, LEDGER_TSA_CA_FILE: an RFC 3161 timestamp for every checkpoint. */
  tsa?: TimestampAuthority;
  /** LEDGER_WITNESSES: the witnesses' C2SP verifier keys, comma-separated; only their cosignatures are taken. */
  witnesses?: string[];
  /** LEDGER_EFFECTIVE_WINDOW: where an `effectiveAt` is plausible without an override. */
  effectiveWindow: EffectiveWindow;
  /**
   * LEDGER_TRUST_UNSIGNED_KEY_EVENTS_THROUGH (KurrentDB only): an admin vouches for the
   * unsigned key events of the `access-keys` stream up to this revision (credentials/key-event-trust.ts).
   */
  trustUnsignedKeyEventsThrough?: number;
  /** Logs, readiness bound and shutdown grace of `ledger serve` (operations-settings.ts). */
  operations: OperationsSettings;
  /** LEDGER_RETENTION_*_YEARS: how long each category of record is kept (retention-settings.ts). */
  retention: RetentionSchedule;
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
    ...(jwtConfigured(env) ? { jwt: jwtSettings(env) } : {}),
    rateLimit: rateLimitOf(env.LEDGER_RATE_LIMIT),
    maxStreamsPerIdentity: positiveInteger(env.LEDGER_MAX_STREAMS_PER_IDENTITY, 'LEDGER_MAX_STREAMS_PER_IDENTITY', DEFAULT_MAX_STREAMS_PER_IDENTITY),
    seedReferenceDeal: (env.LEDGER_SEED ?? 'reference') !== 'none',
    ...(env.LEDGER_SIGNING_KEY_FILE ? { signingKeyFile: resolve(env.LEDGER_SIGNING_KEY_FILE) } : {}),
    ...(env.LEDGER_ORIGIN ? { origin: originOf(env.LEDGER_ORIGIN) } : {}),
    checkpoints: checkpointScheduleOf(env),
    ...(env.LEDGER_TSA_URL ? { tsa: timestampAuthorityOf(env.LEDGER_TSA_URL, env.LEDGER_TSA_CA_FILE) } : {}),
    ...(env.LEDGER_WITNESSES ? { witnesses: witnessKeysOf(env.LEDGER_WITNESSES) } : {}),
    effectiveWindow: effectiveWindowOf(env.LEDGER_EFFECTIVE_WINDOW),
    ...(env.LEDGER_TRUST_UNSIGNED_KEY_EVENTS_THROUGH !== undefined
      ? { trustUnsignedKeyEventsThrough: revisionOf(env.LEDGER_TRUST_UNSIGNED_KEY_EVENTS_THROUGH, 'LEDGER_TRUST_UNSIGNED_KEY_EVENTS_THROUGH') }
      : {}),
    operations: operationsSettingsOf(env),
    retention: retentionScheduleOf(env),
  };
}

function revisionOf(setting: string, name: string): number {
  const revision = Number(setting);
  if (setting.trim() === '' || !Number.isSafeInteger(revision) || revision < 0) throw new Error(`${name} must be a stream revision (an integer ≥ 0), not ${setting}`);
  return revision;
}

function witnessKeysOf(setting: string): string[] {
  const keys = setting.split(',').map((k) => k.trim()).filter(Boolean);
  for (const key of keys) {
    const bad = (why: string) => new Error(`LEDGER_WITNESSES must list witnesses' C2SP verifier keys, comma-separated: ${key}: ${why}`);
    let type: number;
    try {
      type = parseVerifierKey(key).type;
    } catch (error) {
      throw bad((error as Error).message);
    }
    if (type !== ED25519_COSIGNATURE) throw bad('not a cosignature/v1 key (type 0x04)');
  }
  return keys;
}

/** C2SP: a non-empty key name with no space and no '+'; we ask for a schema-less URL's characters. */
function originOf(setting: string): string {
  const origin = setting.trim();
  if (!/^[A-Za-z0-9._~:/@-]{1,200}$/.test(origin)) {
    throw new Error(`LEDGER_ORIGIN must be a schema-less URL such as deal-ledger.example.org/ledger-1 (no spaces, no '+'), not ${setting}`);
  }
  return origin;
}

/** LEDGER_CHECKPOINTS=off, or LEDGER_CHECKPOINT_EVERY_EVENTS / LEDGER_CHECKPOINT_EVERY_SECONDS. */
function checkpointScheduleOf(env: NodeJS.ProcessEnv): CheckpointSchedule | 'off' {
  const switched = (env.LEDGER_CHECKPOINTS ?? 'on').trim().toLowerCase();
  if (switched !== 'on' && switched !== 'off') throw new Error(`LEDGER_CHECKPOINTS must be on or off, not ${env.LEDGER_CHECKPOINTS}`);
  if (switched === 'off') return 'off';
  return {
    everyEvents: positiveInteger(env.LEDGER_CHECKPOINT_EVERY_EVENTS, 'LEDGER_CHECKPOINT_EVERY_EVENTS', DEFAULT_CHECKPOINT_SCHEDULE.everyEvents),
    everySeconds: positiveInteger(env.LEDGER_CHECKPOINT_EVERY_SECONDS, 'LEDGER_CHECKPOINT_EVERY_SECONDS', DEFAULT_CHECKPOINT_SCHEDULE.everySeconds),
  };
}

function timestampAuthorityOf(url: string, caFile: string | undefined): TimestampAuthority {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`LEDGER_TSA_URL must be an http(s) URL, not ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`LEDGER_TSA_URL must be an http(s) URL, not ${url}`);
  return { url, ...(caFile ? { trustAnchorsPem: [readFileSync(resolve(caFile), 'utf8')] } : {}) };
}

const JWT_ALGORITHMS: readonly JwtAlgorithm[] = ['HS256', 'RS256', 'ES256'];

const jwtConfigured = (env: NodeJS.ProcessEnv): boolean => Object.keys(env).some((name) => name.startsWith('LEDGER_JWT_'));

/**
 * LEDGER_JWT_ALGORITHM (HS256, RS256 or ES256), LEDGER_JWT_ISSUER and LEDGER_JWT_AUDIENCE,
 * and the key: LEDGER_JWT_SECRET or LEDGER_JWT_SECRET_FILE for HS256 (32 bytes or more),
 * LEDGER_JWT_PUBLIC_KEY_FILE for RS256/ES256 (PEM; several files, comma-separated, while
 * keys rotate). LEDGER_JWT_ROLES_CLAIM (default `roles`), LEDGER_JWT_CLOCK_TOLERANCE_S (30).
 */
function jwtSettings(env: NodeJS.ProcessEnv): JwtSettings {
  const algorithm = env.LEDGER_JWT_ALGORITHM as JwtAlgorithm;
  if (!JWT_ALGORITHMS.includes(algorithm)) throw new Error(`LEDGER_JWT_ALGORITHM must be HS256, RS256 or ES256, not ${env.LEDGER_JWT_ALGORITHM}`);
  const issuer = env.LEDGER_JWT_ISSUER?.trim();
  const audience = env.LEDGER_JWT_AUDIENCE?.trim();
  if (!issuer) throw new Error('LEDGER_JWT_ISSUER is required with LEDGER_JWT_ALGORITHM: tokens from any other issuer are refused');
  if (!audience) throw new Error('LEDGER_JWT_AUDIENCE is required with LEDGER_JWT_ALGORITHM: tokens for any other audience are refused');
  let keys: string[];
  if (algorithm === 'HS256') {
    const secret = env.LEDGER_JWT_SECRET ?? (env.LEDGER_JWT_SECRET_FILE ? readFileSync(env.LEDGER_JWT_SECRET_FILE, 'utf8').trim() : '');
    if (Buffer.byteLength(secret) < 32) throw new Error('LEDGER_JWT_SECRET (or LEDGER_JWT_SECRET_FILE) must hold at least 32 bytes for HS256');
    keys = [secret];
  } else {
    const files = (env.LEDGER_JWT_PUBLIC_KEY_FILE ?? '').split(',').map((f) => f.trim()).filter(Boolean);
    if (files.length === 0) throw new Error(`LEDGER_JWT_PUBLIC_KEY_FILE is required for ${algorithm}: the PEM public key(s) tokens are signed for`);
    keys = files.map((file) => readFileSync(file, 'utf8'));
  }
  return {
    algorithm,
    keys,
    issuer,
    audience,
    rolesClaim: env.LEDGER_JWT_ROLES_CLAIM?.trim() || 'roles',
    clockToleranceSeconds: positiveInteger(env.LEDGER_JWT_CLOCK_TOLERANCE_S, 'LEDGER_JWT_CLOCK_TOLERANCE_S', 30, 0, 300),
  };
}

/** `<requests>/<seconds>s`, e.g. `1200/60s`. */
function rateLimitOf(setting: string | undefined): RateLimit {
  if (setting === undefined) return DEFAULT_RATE_LIMIT;
  const match = /^(\d{1,7})\/(\d{1,5})s$/.exec(setting.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new Error(`LEDGER_RATE_LIMIT must be <requests>/<seconds>s (e.g. 1200/60s), not ${setting}`);
  }
  return { limit: Number(match[1]), windowMs: Number(match[2]) * 1000 };
}

function positiveInteger(setting: string | undefined, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (setting === undefined) return fallback;
  const value = Number(setting);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}, not ${setting}`);
  }
  return value;
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

/** How the ledger proves its log: the signing key lives in the data dir unless set. */
export function tamperEvidenceSettings(config: LedgerConfig): TamperEvidenceSettings {
  return {
    signingKeyFile: config.signingKeyFile ?? join(config.dataDir, 'checkpoint-signing-key.pem'),
    ...(config.origin ? { origin: config.origin } : {}),
    checkpoints: config.checkpoints,
    ...(config.tsa ? { tsa: config.tsa } : {}),
    ...(config.witnesses ? { witnesses: config.witnesses } : {}),
    // KurrentDB's commit times come from each writer's clock: ordered within a stream only,
    // and its positions are log offsets, with gaps.
    globalTimeOrder: config.store !== 'kurrentdb',
    densePositions: config.store !== 'kurrentdb',
  };
}
