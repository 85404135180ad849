import Database from 'better-sqlite3';
import { trace } from '@opentelemetry/api';
import { AppendNotifier } from '../../append-notifier.js';
import { prepareAppend, prepareAppends, type PreparedAppend } from '../../append-preparation.js';
import { CatchUpSubscriptions } from '../../catch-up-subscription.js';
import type { ChainProblem } from '../../chain/chain-problem.js';
import { hashOfPrepared } from '../../chain/event-hash.js';
import { commitTime } from '../../commit-time.js';
import { DISPOSAL_STREAM } from '../../disposal/disposal-record.js';
import { checkDisposal, disposedRefOf, preparedDisposalEvent } from '../../disposal/disposal-write.js';
import { DuplicateEventIdError, EventStoreError, StoreUnavailableError } from '../../event-store.errors.js';
import type {
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  PayloadDisposal,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '../../event-store.port.js';
import { assertExpectedRevision } from '../../expected-revision.js';
import { logReadRange, streamReadRange, type LogReadRange } from '../../read-options.js';
import { isUniqueViolationOf, translateSqliteError } from './sqlite-errors.js';
import { applyPragmas, sqliteSettings, type SqliteEventStoreOptions, type SqliteSettings } from './sqlite-options.js';
import { migrate, schemaVersion } from './sqlite-schema.js';
import { SqliteStatements, decodeRow, type EventRow } from './sqlite-statements.js';
import { checkSqliteStorage } from './sqlite-storage-check.js';
import { GroupCommit } from './sqlite-group-commit.js';
import { ledgerTracer } from '../../tracing/ledger-tracing.js';

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

export interface SqlitePragmas {
  journalMode: string;
  synchronous: string;
  busyTimeoutMs: number;
  walAutocheckpoint: number;
  schemaVersion: number;
}

/**
 * The embedded event store: one SQLite file (WAL) that several processes may open, e.g.
 * the server and a CLI import. better-sqlite3 is synchronous, so each call runs to the
 * end without interleaving with other callers in this process. Appends arriving together
 * share one transaction and one fsync (sqlite-group-commit.ts), each with the outcome it
 * would have had alone.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: SqliteStatements;
  private readonly groupCommit: GroupCommit;
  private readonly appended = new AppendNotifier();
  private readonly subscriptions: CatchUpSubscriptions;
  private closed = false;

  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    const settings = sqliteSettings(options);
    let db: Database.Database | undefined;
    try {
      db = new Database(settings.file, { timeout: settings.busyTimeoutMs });
      applyPragmas(db, settings);
      migrate(db);
      return new SqliteEventStore(db, settings);
    } catch (error) {
      db?.close();
      const operation = `Opening the event store ${settings.file}`;
      const translated = translateSqliteError(error, operation);
      // better-sqlite3 reports some environment problems (a missing directory) as TypeError.
      if (translated instanceof EventStoreError) throw translated;
      throw new StoreUnavailableError(`${operation} failed: ${String((error as Error)?.message ?? error)}`, { cause: error });
    }
  }

  private constructor(
    private readonly db: Database.Database,
    private readonly settings: SqliteSettings,
  ) {
    this.statements = new SqliteStatements(db);
    this.subscriptions = new CatchUpSubscriptions(
      {
        readAll: (o) => this.readAll(o),
        headPosition: () => this.currentHead(),
        listen: (listener) => this.appended.listen(listener),
      },
      settings.pollIntervalMs,
    );
    this.groupCommit = new GroupCommit(db, {
      recordedAt: () => commitTime(settings.clock, this.statements.lastRecordedAt.get()),
      insert: (append, recordedAt) => this.insert(append, recordedAt),
      translate: (error) => translateSqliteError(error, 'Appending'),
      afterCommit: () => this.appended.notify(),
    });
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return (await this.write([prepareAppend(streamId, events, expectedRevision)]))[0]!;
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    const prepared = prepareAppends(appends);
    return prepared.length === 0 ? [] : this.write(prepared);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { backwards, fromRevision, maxCount = -1 } = streamReadRange(options);
    const statement = backwards ? this.statements.streamBackwards : this.statements.streamForwards;
    return this.run('Reading a stream', () => statement.all(streamId, fromRevision, maxCount)).map(decodeRow);
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map(streamIds.map((streamId) => [streamId, [] as RecordedEvent[]]));
    const rows = this.run('Reading streams', () => this.statements.streamsForwards.all(JSON.stringify(streamIds)));
    for (const row of rows) streams.get(row.stream_id)!.push(decodeRow(row));
    return streams;
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.readLog(logReadRange(options));
  }

  async headPosition(): Promise<number> {
    return this.currentHead();
  }

  subscribe(options: SubscribeOptions): EventSubscription {
    if (this.closed) throw new StoreUnavailableError('Subscribing: the event store is closed');
    return this.subscriptions.subscribe(options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Writes accepted before close() are committed (and answered), not dropped.
    this.groupCommit.flush();
    this.closed = true;
    this.subscriptions.closeAll();
    try {
      this.db.close();
    } catch (error) {
      throw translateSqliteError(error, 'Closing the event store');
    }
  }

  async checkStorage(options: { thorough: boolean }): Promise<ChainProblem | undefined> {
    return this.run('Checking the event store file', () => checkSqliteStorage(this.db, options));
  }

  /**
   * One BEGIN IMMEDIATE transaction: every target checked as stored, the disposal event
   * appended (chained like any other), every target emptied. A crash or a refused target
   * leaves all of it as it was. Writes accepted before it are committed first, in order.
   * `secure_delete` overwrites the freed bytes of the payloads in the file's pages; copies
   * in the WAL go at its next checkpoint, and backups keep theirs (README: retention).
   */
  async disposePayloads(disposal: PayloadDisposal): Promise<AppendResult> {
    checkDisposal(disposal);
    if (this.closed) throw new StoreUnavailableError('Disposing: the event store is closed');
    this.groupCommit.flush();
    const { statements, db } = this;
    const dispose = db.transaction((): AppendResult => {
      const recordedAt = commitTime(this.settings.clock, statements.lastRecordedAt.get());
      const refs = disposal.targets.map((target) => {
        const row = statements.eventAt.get(target.position);
        return disposedRefOf(target, row && row.event_id === target.eventId ? storedOf(row) : undefined);
      });
      const event = preparedDisposalEvent(disposal, refs);
      const result = this.insert({ streamId: DISPOSAL_STREAM, expectedRevision: 'any', events: [event] }, recordedAt);
      const mark = JSON.stringify({ disposalEventId: disposal.eventId, disposalPosition: result.lastPosition, disposedAt: recordedAt });
      for (const { position } of refs) statements.empty.run(mark, position);
      return result;
    });
    const secureDelete = db.pragma('secure_delete', { simple: true });
    try {
      db.pragma('secure_delete = ON');
      const result = dispose.immediate();
      this.appended.notify();
      return result;
    } catch (error) {
      if (error instanceof EventStoreError) throw error;
      throw translateSqliteError(error, 'Disposing');
    } finally {
      if (!this.closed) db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
    }
  }

  /** What the connection actually runs with: for health checks, and to test the options. */
  pragmas(): SqlitePragmas {
    return this.run('Reading the pragmas', () => ({
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: SYNCHRONOUS_NAMES[this.db.pragma('synchronous', { simple: true }) as number] ?? 'unknown',
      busyTimeoutMs: this.db.pragma('busy_timeout', { simple: true }) as number,
      walAutocheckpoint: this.db.pragma('wal_autocheckpoint', { simple: true }) as number,
      schemaVersion: schemaVersion(this.db),
    }));
  }

  /** Committed with whatever else arrives in this turn of the event loop: see GroupCommit. */
  private write(appends: PreparedAppend[]): Promise<AppendResult[]> {
    if (this.closed) throw new StoreUnavailableError('Appending: the event store is closed');
    // The append span the runtime's wrapper made active (tracing on only): the commit is shared.
    return this.groupCommit.submit(appends, ledgerTracer() && trace.getActiveSpan());
  }

  /** Runs inside the write's savepoint; throwing rolls back this write (and only it). */
  private insert({ streamId, expectedRevision, events }: PreparedAppend, recordedAt: string): AppendResult {
    const { statements } = this;
    // Read inside the write transaction, after this write's earlier appends: the chain
    // continues from what is really stored, whoever wrote it.
    const head = statements.streamHead.get(streamId);
    const current = head?.revision;
    assertExpectedRevision(streamId, expectedRevision, current);
    const firstRevision = (current ?? -1) + 1;
    let previousHash = head?.hash;
    let firstPosition = 0;
    let lastPosition = 0;
    events.forEach((event, i) => {
      const revision = firstRevision + i;
      const hash = hashOfPrepared(event, { streamId, revision, recordedAt, previousHash });
      previousHash = hash;
      try {
        const { lastInsertRowid } = statements.insert.run({
          ...event,
          streamId,
          revision,
          recordedAt,
          hash,
        });
        lastPosition = Number(lastInsertRowid);
      } catch (error) {
        // The UNIQUE index is the check: no extra lookup per event on the happy path.
        if (isUniqueViolationOf(error, 'event_id')) throw new DuplicateEventIdError(event.eventId);
        throw error;
      }
      if (i === 0) firstPosition = lastPosition;
    });
    return {
      streamId,
      firstRevision,
      nextExpectedRevision: firstRevision + events.length - 1,
      firstPosition,
      lastPosition,
    };
  }

  /**
   * One `.all()` per page: an open `.iterate()` cursor held across an await would pin a
   * read snapshot (and the WAL behind it) for as long as the consumer dawdles, and
   * better-sqlite3 forbids other statements on the connection while it is open.
   *
   * Each query is bounded to a window of positions. A filter's index returns its rows in
   * key order, so SQLite sorts them by position before the LIMIT; unbounded, a filter
   * matching most of the log would sort everything after `after` for every page. A
   * window keeps each page's cost bounded, and a rare filter skips empty windows cheaply.
   */
  private async *readLog({ after, maxCount = Number.MAX_SAFE_INTEGER, filter }: LogReadRange): AsyncGenerator<RecordedEvent> {
    const { readPageSize } = this.settings;
    const window = readPageSize * 4;
    let last = after;
    let remaining = maxCount;
    while (remaining > 0) {
      // Every position up to the head is committed (positions are assigned inside the
      // serialised write), so a window that ends there can be passed over for good.
      const head = this.currentHead();
      if (last >= head) return;
      const upTo = Math.min(head, last + window);
      const limit = Math.min(readPageSize, remaining);
      const rows = this.run('Reading the log', () => this.statements.readLog(last, upTo, limit, filter));
      for (const row of rows) yield decodeRow(row);
      remaining -= rows.length;
      last = rows.length === limit ? rows[rows.length - 1]!.position : upTo;
    }
  }

  private currentHead(): number {
    return this.run('Reading the head position', () => this.statements.headPosition.get()) ?? 0;
  }

  private run<T>(operation: string, work: () => T): T {
    if (this.closed) throw new StoreUnavailableError(`${operation}: the event store is closed`);
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(error, operation);
    }
  }
}

/** A row as the disposal checks read it: its payload left as text. */
function storedOf(row: EventRow) {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
    ...(row.disposal === null ? {} : { disposal: JSON.parse(row.disposal) }),
  };
}
