import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  dealStreamName,
  decideDeal,
  evolveDeal,
  fromStoredEvent,
  initialDealState,
  toStoredEvent,
  type DealCommand,
  type DealEvent,
  type DealState,
  type DecisionContext,
} from '#domain';
import { canonicalJson, type EventStore } from '#event-store';
import type { BulkItem } from '#application';
import { parseImportLine } from '../../apps/cli/src/import/import-line.js';
import { BENCH_RECEIVED_AT, BENCH_SETTINGS } from '../deals/ledger-setup.js';
import type { EmmettConnection, EmmettMessage, EmmettReadEvent, EmmettSqlite } from './emmett-api.js';

/**
 * Deal commands through Emmett's SQLite store: the same domain code (decide, evolve), the
 * same metadata, the same import-line validation as the ledger; only the store differs.
 * One long-lived connection: Emmett's getSQLiteEventStore() opens and closes one per
 * operation for a file database (see `withConnection` in its dist/index.js), which would
 * measure connection set-up, not the store.
 */
export async function openEmmettConnection(emmett: EmmettSqlite, file: string): Promise<EmmettConnection> {
  const connection = emmett.sqliteConnection({ fileName: file });
  // The same durability as the ledger's store (this sqlite3 build's default is FULL too).
  await connection.command('PRAGMA synchronous = FULL');
  await emmett.createEventStoreSchema(connection);
  return connection;
}

interface LoadedStream {
  state: DealState;
  version: bigint;
}

function fold(events: readonly EmmettReadEvent[]): DealState {
  let state = initialDealState;
  for (const recorded of events) {
    const event = fromStoredEvent(recorded.type, recorded.data);
    if (event) state = evolveDeal(state, event);
  }
  return state;
}

async function loadStream(emmett: EmmettSqlite, connection: EmmettConnection, streamId: string): Promise<LoadedStream> {
  const { events, currentStreamVersion } = await emmett.readStream(connection, streamId);
  return { state: fold(events), version: currentStreamVersion };
}

function messagesOf(decided: readonly DealEvent[], { command, context }: BulkItem): EmmettMessage[] {
  const commandFingerprint = createHash('sha256').update(canonicalJson(command)).digest('hex');
  return decided.map((event) => ({
    ...toStoredEvent(event),
    metadata: {
      actor: context.actor,
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.causationId,
      commandType: command.type,
      commandFingerprint,
    },
  }));
}

async function append(
  emmett: EmmettSqlite,
  connection: EmmettConnection,
  streamId: string,
  messages: EmmettMessage[],
  expectedStreamVersion: bigint,
): Promise<void> {
  const result = await emmett.appendToStream(connection, streamId, 'deal', messages, { expectedStreamVersion });
  if (!result.success) throw new Error(`Emmett refused the append to ${streamId} at version ${expectedStreamVersion}`);
}

/** What the ledger's own path would decide with: the same moment and window. */
function decisionContextOf(item: BulkItem): DecisionContext {
  return { now: item.context.receivedAt, effectiveWindow: BENCH_SETTINGS.effectiveWindow };
}

/** Load → decide → append with the expected version: one command, one transaction. */
export async function recordThroughEmmett(
  emmett: EmmettSqlite,
  connection: EmmettConnection,
  item: BulkItem,
): Promise<number> {
  const streamId = dealStreamName(item.command.dealId);
  const loaded = await loadStream(emmett, connection, streamId);
  const decided = decideDeal(item.command, loaded.state, decisionContextOf(item));
  await append(emmett, connection, streamId, messagesOf(decided, item), loaded.version);
  return decided.length;
}

export interface EmmettImportSummary {
  commands: number;
  events: number;
  failed: number;
}

/**
 * The bulk import through Emmett: the file's lines parsed and checked exactly as
 * `ledger import` does, then `batchSize` commands per transaction (Emmett's appends join
 * the surrounding withTransaction), each stream loaded once per batch.
 */
export async function importThroughEmmett(
  emmett: EmmettSqlite,
  connection: EmmettConnection,
  file: string,
  batchSize: number,
  actor: string,
): Promise<EmmettImportSummary> {
  const summary: EmmettImportSummary = { commands: 0, events: 0, failed: 0 };
  let batch: BulkItem[] = [];
  const flush = async () => {
    const items = batch;
    batch = [];
    await connection.withTransaction(async () => {
      const streams = new Map<string, LoadedStream>();
      for (const item of items) {
        const streamId = dealStreamName(item.command.dealId);
        const stream = streams.get(streamId) ?? (await loadStream(emmett, connection, streamId));
        streams.set(streamId, stream);
        let decided: DealEvent[];
        try {
          decided = decideDeal(item.command as DealCommand, stream.state, decisionContextOf(item));
        } catch {
          summary.failed++;
          continue;
        }
        await append(emmett, connection, streamId, messagesOf(decided, item), stream.version);
        stream.state = decided.reduce(evolveDeal, stream.state);
        stream.version += BigInt(decided.length);
        summary.commands++;
        summary.events += decided.length;
      }
    });
  };
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    try {
      const item = parseImportLine(trimmed, actor, BENCH_RECEIVED_AT);
      // The peer keeps deal streams only (the benchmark's files hold no party lines): a party line is not counted as done.
      if (item.stream === 'deal') batch.push(item);
      else summary.failed++;
    } catch {
      summary.failed++;
    }
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return summary;
}

/**
 * Copies a ledger store's streams into an empty Emmett store: setup only, not measured.
 * One append per stream with all its events, streams in the order of their first event,
 * a hundred streams per transaction, appended concurrently (the async driver then
 * pipelines its statements). Emmett's log thus holds each deal's events together, not
 * interleaved with other deals' as in the ledger's: if anything, that favours Emmett's
 * projection, whose consecutive events then hit the same rows. One append per event, in
 * the ledger's order, took minutes for 100,000 events on a busy machine.
 */
export async function copyStreamsIntoEmmett(
  emmett: EmmettSqlite,
  connection: EmmettConnection,
  store: EventStore,
  streamIds: readonly string[],
): Promise<number> {
  let copied = 0;
  for (let i = 0; i < streamIds.length; i += 100) {
    const chunk = streamIds.slice(i, i + 100);
    const streams = await Promise.all(chunk.map(async (streamId) => ({ streamId, events: await store.readStream(streamId) })));
    await connection.withTransaction(() =>
      Promise.all(
        streams.map(({ streamId, events }) =>
          append(emmett, connection, streamId, events.map(({ type, data, metadata }) => ({ type, data, metadata })), 0n),
        ),
      ),
    );
    copied += streams.reduce((sum, s) => sum + s.events.length, 0);
  }
  return copied;
}
