import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { InMemoryEventStore, SqliteEventStore, type EventStore } from '#event-store';
import { DealStateReader, ProjectionRunner, dealStateProjection, openReadModelDatabase } from '#projections';
import type { LedgerConfig } from '../config.js';

/** Everything with a lifetime: the event store, the read models and what feeds them. */
export interface LedgerRuntime {
  store: EventStore;
  readModels: Database;
  runner: ProjectionRunner;
  dealReader: DealStateReader;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: () => Date;
  onProjectionError?: (error: unknown) => void;
}

export async function openLedgerRuntime(config: LedgerConfig, options: RuntimeOptions = {}): Promise<LedgerRuntime> {
  const store = await openEventStore(config, options);
  const readModels = openReadModelDatabase(
    config.store === 'memory' ? ':memory:' : join(ensureDir(config.dataDir), 'read-models.sqlite'),
  );
  const runner = new ProjectionRunner(store, readModels, [dealStateProjection], {
    onError: options.onProjectionError,
  });
  runner.start();
  const dealReader = new DealStateReader(readModels);
  return {
    store,
    readModels,
    runner,
    dealReader,
    async close() {
      await runner.stop();
      readModels.close();
      await store.close();
    },
  };
}

/** The event store alone: what `ledger import` writes to. */
export async function openEventStore(config: LedgerConfig, options: RuntimeOptions = {}): Promise<EventStore> {
  if (config.store === 'memory') return new InMemoryEventStore({ clock: options.clock });
  return SqliteEventStore.open({
    file: join(ensureDir(config.dataDir), 'events.sqlite'),
    synchronous: config.sqliteSynchronous,
    clock: options.clock,
  });
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
