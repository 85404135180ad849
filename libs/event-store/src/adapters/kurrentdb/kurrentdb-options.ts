import { systemClock, type Clock } from '../../commit-time.js';
import type { EventStoreError } from '../../event-store.errors.js';
import { InvalidArgumentError } from '../../event-store.errors.js';
import { checkScope, type StoreScope } from './kurrentdb-scope.js';

export interface KurrentDbEventStoreOptions {
  /** `kurrentdb://host:2113?tls=false`, `kurrentdb+discover://…` for a cluster, credentials included. */
  connectionString: string;
  /**
   * The stream categories this store owns. Writes to other categories are refused, and
   * `readAll`, `subscribe` and `headPosition` see only these: the ledger's log inside a
   * server that may hold other applications' streams. Default: every non-system stream.
   */
  categories?: readonly string[];
  /** Prepended to every stream name on the server (letters, digits, '_', '.'), to share one server. */
  streamPrefix?: string;
  /** Gives each write its commit time (never earlier than the stream's last one). */
  clock?: Clock;
  /** Wait at open() until the server answers (default true), so a wrong address fails the start. */
  verifyConnection?: boolean;
  /** How long open() waits for that answer. Default 10 s. */
  connectTimeoutMs?: number;
  /** A broken subscription is opened again after this delay, doubled after each failure… Default 100 ms. */
  retryDelayMs?: number;
  /** …up to this delay. Default 5 s. */
  maxRetryDelayMs?: number;
  /** Told about every broken subscription before it is opened again (for logs). */
  onSubscriptionRetry?: (error: EventStoreError, delayMs: number) => void;
  /** Events per read request of `$all`. Default 500. */
  readPageSize?: number;
  /**
   * Told once, when the server turns out to lack multi-stream append (before KurrentDB
   * 25.1), that `appendMany` writes stream by stream from then on, not atomically (for logs).
   */
  onAtomicAppendManyUnavailable?: (message: string) => void;
}

export interface KurrentDbSettings {
  connectionString: string;
  scope: StoreScope;
  clock: Clock;
  verifyConnection: boolean;
  connectTimeoutMs: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  onSubscriptionRetry: ((error: EventStoreError, delayMs: number) => void) | undefined;
  readPageSize: number;
  onAtomicAppendManyUnavailable: ((message: string) => void) | undefined;
}

export function checkOptions(options: KurrentDbEventStoreOptions): KurrentDbSettings {
  const { connectionString } = options ?? ({} as KurrentDbEventStoreOptions);
  if (typeof connectionString !== 'string' || connectionString.trim() === '') {
    throw new InvalidArgumentError('connectionString', 'must be a KurrentDB connection string (kurrentdb://host:2113?tls=false)');
  }
  return {
    connectionString: connectionString.trim(),
    scope: checkScope(options.streamPrefix, options.categories),
    clock: options.clock ?? systemClock,
    verifyConnection: options.verifyConnection ?? true,
    connectTimeoutMs: positive(options.connectTimeoutMs, 'connectTimeoutMs', 10_000),
    retryDelayMs: positive(options.retryDelayMs, 'retryDelayMs', 100),
    maxRetryDelayMs: positive(options.maxRetryDelayMs, 'maxRetryDelayMs', 5_000),
    onSubscriptionRetry: options.onSubscriptionRetry,
    readPageSize: positive(options.readPageSize, 'readPageSize', 500),
    onAtomicAppendManyUnavailable: options.onAtomicAppendManyUnavailable,
  };
}

function positive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new InvalidArgumentError(name, `must be an integer > 0, got ${JSON.stringify(value)}`);
  return value;
}

/** The next wait before opening a broken subscription again: doubled, capped. */
export function nextRetryDelay(previousMs: number, maxMs: number): number {
  return Math.min(previousMs * 2, maxMs);
}
