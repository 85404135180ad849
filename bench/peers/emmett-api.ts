/**
 * The part of `@event-driven-io/emmett-sqlite` 0.38.5 the bench uses, typed by hand from
 * its dist/index.d.ts: the package lives in bench/peers/emmett/ (its peer dependencies
 * conflict with the ledger's), so the root type check cannot see its types.
 */

export const EMMETT_VERSION = '0.38.5';

type SqlValue = string | number | bigint | boolean | null | object;

/** A connection of the async `sqlite3` driver, wrapped by Emmett. */
export interface EmmettConnection {
  close(): void;
  command(sql: string, values?: SqlValue[]): Promise<{ changes: number }>;
  query<T>(sql: string, values?: SqlValue[]): Promise<T[]>;
  querySingle<T>(sql: string, values?: SqlValue[]): Promise<T | null>;
  /** BEGIN IMMEDIATE … COMMIT; nested calls join the outer transaction. */
  withTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

export interface EmmettMessage {
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface EmmettReadEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: { streamName: string; streamPosition: bigint; globalPosition: bigint; messageId: string } & Record<string, unknown>;
}

export type EmmettAppendResult = { success: true; nextStreamPosition: bigint; lastGlobalPosition: bigint } | { success: false };

export interface EmmettProjection {
  name: string;
  canHandle: readonly string[];
  handle(events: EmmettReadEvent[], context: { connection: EmmettConnection }): Promise<void>;
}

export interface EmmettConsumer {
  processor(options: {
    processorId: string;
    projection: EmmettProjection;
    startFrom: 'BEGINNING';
    stopAfter: (message: EmmettReadEvent) => boolean;
  }): unknown;
  /** Resolves when the pulling loop ends (here: when every processor has stopped). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface EmmettSqlite {
  sqliteConnection(options: { fileName: string }): EmmettConnection;
  createEventStoreSchema(connection: EmmettConnection): Promise<void>;
  appendToStream(
    connection: EmmettConnection,
    streamName: string,
    streamType: string,
    messages: EmmettMessage[],
    options?: { expectedStreamVersion?: bigint },
  ): Promise<EmmettAppendResult>;
  readStream(
    connection: EmmettConnection,
    streamId: string,
  ): Promise<{ currentStreamVersion: bigint; events: EmmettReadEvent[]; streamExists: boolean }>;
  getSQLiteEventStore(options: { fileName: string; schema?: { autoMigration?: 'None' | 'CreateOrUpdate' } }): {
    consumer(options?: { pulling?: { batchSize?: number; pullingFrequencyInMs?: number } }): EmmettConsumer;
  };
}
