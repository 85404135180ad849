import Database from 'better-sqlite3';

export type EventRowValues = Record<string, string | number | bigint | null>;

/**
 * The physical limit the ledger is held to: plain better-sqlite3 inserts of the very rows
 * the ledger wrote, in a table with the ledger's own column definitions and UNIQUE
 * constraints (which any event store needs for its revision check and its event-id
 * dedupe), but none of the work around them: no secondary indexes, no triggers, no
 * revision lookup, no hashing, no JSON encoding. Same pragmas as the ledger's store.
 */
export class RawEventsTable {
  private readonly insert: Database.Statement;
  private readonly columns: string[];

  private constructor(
    private readonly db: Database.Database,
    tableSql: string,
    columns: string[],
  ) {
    db.exec(tableSql);
    // The rowid (position) is assigned by SQLite, as the ledger lets it be.
    this.columns = columns.filter((c) => c !== 'position');
    this.insert = db.prepare(
      `INSERT INTO events (${this.columns.join(', ')}) VALUES (${this.columns.map((c) => `@${c}`).join(', ')})`,
    );
  }

  /** A new raw file shaped like the `events` table of the ledger store `ledgerFile`. */
  static create(file: string, ledgerFile: string): RawEventsTable {
    const source = new Database(ledgerFile, { readonly: true });
    let tableSql: string;
    let columns: string[];
    try {
      tableSql = source.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'").pluck().get() as string;
      columns = source.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[];
    } finally {
      source.close();
    }
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return new RawEventsTable(db, tableSql, columns);
  }

  /** One `BEGIN IMMEDIATE … COMMIT` per row: one durable commit per event. */
  insertOnePerTransaction(rows: readonly EventRowValues[]): void {
    const one = this.db.transaction((row: EventRowValues) => this.insert.run(row));
    for (const row of rows) one.immediate(row);
  }

  /** `batchSize` rows per transaction. */
  insertInBatches(rows: readonly EventRowValues[], batchSize: number): void {
    const many = this.db.transaction((batch: readonly EventRowValues[]) => {
      for (const row of batch) this.insert.run(row);
    });
    for (let i = 0; i < rows.length; i += batchSize) many.immediate(rows.slice(i, i + batchSize));
  }

  close(): void {
    this.db.close();
  }
}

/** Every column of the ledger's events after `afterPosition`, in position order. */
export function readEventRows(ledgerFile: string, afterPosition = 0): EventRowValues[] {
  const db = new Database(ledgerFile, { readonly: true });
  try {
    return db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position').all(afterPosition) as EventRowValues[];
  } finally {
    db.close();
  }
}

export function headPositionOf(ledgerFile: string): number {
  const db = new Database(ledgerFile, { readonly: true });
  try {
    return (db.prepare('SELECT max(position) FROM events').pluck().get() as number | null) ?? 0;
  } finally {
    db.close();
  }
}

/** Events, and the mean size of their data and metadata JSON, in a ledger store file. */
export function payloadSizes(ledgerFile: string): { events: number; dataBytes: number; metadataBytes: number } {
  const db = new Database(ledgerFile, { readonly: true });
  try {
    const row = db
      .prepare('SELECT count(*) AS events, avg(length(CAST(data AS BLOB))) AS data, avg(length(CAST(metadata AS BLOB))) AS metadata FROM events')
      .get() as { events: number; data: number; metadata: number };
    return { events: row.events, dataBytes: Math.round(row.data), metadataBytes: Math.round(row.metadata) };
  } finally {
    db.close();
  }
}

/** Every stream of a ledger store, in the order of its first event. */
export function streamsByFirstEvent(ledgerFile: string): string[] {
  const db = new Database(ledgerFile, { readonly: true });
  try {
    return db.prepare('SELECT stream_id FROM events GROUP BY stream_id ORDER BY min(position)').pluck().all() as string[];
  } finally {
    db.close();
  }
}
