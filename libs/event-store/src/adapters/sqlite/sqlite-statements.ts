import type { Database, Statement } from 'better-sqlite3';
import { CATEGORY_OF_STREAM_ID } from './sqlite-schema.js';
import { decodeStoredObject, type StoredEventText } from '../../stored-json.js';
import type { DisposalMark } from '../../disposal/disposal-record.js';
import type { EventFilter, EventMetadata, JsonObject, RecordedEvent } from '../../event-store.port.js';

export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
  /** JSON of a DisposalMark once a recorded disposal emptied the event, else null. */
  disposal: string | null;
}

/** The position is the row id SQLite assigns. */
export type InsertParams = Omit<StoredEventText, 'position' | 'disposal'>;

/** The last event of a stream: what the next append checks and chains to. */
export interface StreamHead {
  revision: number;
  hash: string;
}

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at, hash, disposal';

/**
 * Every statement the adapter runs, prepared once per connection. Filters are bound
 * as JSON arrays and expanded with json_each, so the SQL never contains a caller's
 * value and the filtered reads are a fixed set of statements (one per combination of
 * criteria), not one per filter.
 */
export class SqliteStatements {
  readonly insert: Statement<InsertParams>;
  readonly streamHead: Statement<[string], StreamHead>;
  readonly lastRecordedAt: Statement<[], string>;
  readonly headPosition: Statement<[], number>;
  readonly streamForwards: Statement<[string, number, number], EventRow>;
  readonly streamBackwards: Statement<[string, number, number], EventRow>;
  readonly streamsForwards: Statement<[string], EventRow>;
  readonly eventAt: Statement<[number], EventRow>;
  /** Empties one event's payload (the only update the schema's trigger lets through). */
  readonly empty: Statement<[string, number]>;
  private readonly logReads = new Map<string, Statement<Record<string, string | number>, EventRow>>();

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at, hash)
       VALUES (@eventId, @streamId, @revision, @type, @data, @metadata, @recordedAt, @hash)`,
    );
    this.streamHead = db.prepare<[string], StreamHead>(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.lastRecordedAt = db
      .prepare<[], string>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1')
      .pluck();
    this.headPosition = db.prepare<[], number>('SELECT position FROM events ORDER BY position DESC LIMIT 1').pluck();
    // LIMIT -1 is SQLite's "no limit".
    this.streamForwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    );
    this.streamBackwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    // The stream ids bound as one JSON array, as the filters are.
    this.streamsForwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id, revision`,
    );
    this.eventAt = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position = ?`);
    this.empty = db.prepare(`UPDATE events SET data = '{}', metadata = '{}', disposal = ? WHERE position = ?`);
  }

  /**
   * Up to `limit` events in (after, upTo], filtered. At most eight statements are ever
   * prepared, one per combination of criteria.
   */
  readLog(after: number, upTo: number, limit: number, filter: EventFilter | undefined): EventRow[] {
    const criteria = [
      ['categories', CATEGORY_OF_STREAM_ID, filter?.categories],
      ['eventTypes', 'type', filter?.eventTypes],
      ['streamIds', 'stream_id', filter?.streamIds],
    ] as const;
    const params: Record<string, string | number> = { after, upTo, limit };
    const conditions: string[] = [];
    for (const [name, column, values] of criteria) {
      if (values === undefined) continue;
      params[name] = JSON.stringify(values);
      conditions.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
    }
    const key = conditions.join(' AND ');
    let statement = this.logReads.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `SELECT ${COLUMNS} FROM events WHERE ${['position > @after AND position <= @upTo', ...conditions].join(' AND ')}
         ORDER BY position LIMIT @limit`,
      );
      this.logReads.set(key, statement);
    }
    return statement.all(params);
  }
}

export function decodeRow(row: EventRow): RecordedEvent {
  const at = { streamId: row.stream_id, revision: row.revision, position: row.position, eventId: row.event_id };
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: decodeStoredObject(row.data, 'data', at) as JsonObject,
    metadata: decodeStoredObject(row.metadata, 'metadata', at) as EventMetadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
    ...(row.disposal === null ? {} : { disposal: decodeStoredObject(row.disposal, 'disposal', at) as unknown as DisposalMark }),
  };
}
