import { ACCESS_CATEGORY, ADMIN_CATEGORY, SUBSCRIPTION_CATEGORY } from '#application';
import { DEAL_CATEGORY, PARTY_CATEGORY, RECORDS_CATEGORY } from '#domain';
import {
  InvalidArgumentError,
  KurrentDbEventStore,
  StoreUnavailableError,
  type Clock,
  type EventStore,
} from '#event-store';
import type { LedgerConfig } from './config.js';

/**
 * `ledger-checkpoints`: where versions before the log tree appended their checkpoints as
 * events. Those events are still the ledger's, and leaves of its tree; nothing new goes there.
 */
export const EARLIER_CHECKPOINT_CATEGORY = 'ledger';

/**
 * Every stream category the ledger writes. On KurrentDB the store reads and subscribes to
 * these only (the ledger's log inside a server that may hold other applications' streams)
 * and refuses writes to any other: a new category must be added here.
 */
export const LEDGER_STREAM_CATEGORIES: readonly string[] = [
  DEAL_CATEGORY,
  PARTY_CATEGORY,
  RECORDS_CATEGORY,
  ADMIN_CATEGORY,
  ACCESS_CATEGORY,
  SUBSCRIPTION_CATEGORY,
  EARLIER_CHECKPOINT_CATEGORY,
];

/**
 * The KurrentDB store for LEDGER_STORE=kurrentdb. It waits for the server's first answer,
 * so a wrong or unreachable address stops the start with one clear line naming it.
 */
export async function openKurrentDbStore(
  config: LedgerConfig,
  clock?: Clock,
  warn: (line: string) => void = (line) => console.warn(line),
): Promise<EventStore> {
  const settings = config.kurrentdb;
  if (!settings) throw new Error('LEDGER_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING');
  try {
    return await KurrentDbEventStore.open({
      connectionString: settings.connectionString,
      ...(settings.streamPrefix ? { streamPrefix: settings.streamPrefix } : {}),
      categories: LEDGER_STREAM_CATEGORIES,
      ...(clock ? { clock } : {}),
      // The client reconnects by itself; subscriptions (the read models' feed) are re-opened.
      onSubscriptionRetry: (error, delayMs) => warn(`${error.message}; subscribing again in ${delayMs} ms`),
      // A server before 25.1: bulk import still works, batch writes are no longer atomic.
      onAtomicAppendManyUnavailable: warn,
    });
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      throw new StoreUnavailableError(`${error.message} (LEDGER_STORE=kurrentdb, KURRENTDB_CONNECTION_STRING)`, { cause: error });
    }
    if (error instanceof InvalidArgumentError && error.argument === 'connectionString') {
      throw new Error(`KURRENTDB_CONNECTION_STRING ${error.message.slice('connectionString: '.length)}`, { cause: error });
    }
    throw error;
  }
}
