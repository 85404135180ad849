import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import type { EventRow as Row } from '../adapters/sqlite/sqlite-statements.js';
import { eventHash, GENESIS_HASH } from '../chain/event-hash.js';


/**
 * What someone with write access to events.sqlite could do behind the store's back. The
 * table refuses updates and deletes through triggers, so the tamperer drops them first and,
 * as a careful one would, puts them back when done (unless told not to), so that the schema
 * looks untouched. For tests of verification only.
 */
export class SqliteTamperer {
  private readonly db: Database.Database;
  private readonly triggers: { name: string; sql: string }[];

  constructor(file: string) {
    this.db = new Database(file);
    this.triggers = this.db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all();
    for (const { name } of this.triggers) this.db.exec(`DROP TRIGGER ${name}`);
  }

  row(position: number): Row {
    const row = this.db.prepare<[number], Row>('SELECT * FROM events WHERE position = ?').get(position);
    if (!row) throw new Error(`No event at position ${position}`);
    return row;
  }

  rows(): Row[] {
    return this.db.prepare<[], Row>('SELECT * FROM events ORDER BY position').all();
  }

  /** Changes one character of the stored data text (a digit, else a letter of a string), keeping it valid JSON. */
  flipPayloadByte(position: number): void {
    const { data } = this.row(position);
    const digit = data.search(/[0-9]/);
    const at = digit >= 0 ? digit : data.search(/(?<=:")[a-z]/);
    if (at < 0) throw new Error(`Nothing to flip in ${data}`);
    const c = data[at]!;
    // 9 → 8 rather than 0, so no number gains a leading zero.
    const flipped = /[0-9]/.test(c) ? (c === '9' ? '8' : String(Number(c) + 1)) : c === 'a' ? 'b' : 'a';
    this.setColumn(position, 'data', data.slice(0, at) + flipped + data.slice(at + 1));
  }

  setMetadataField(position: number, field: string, value: unknown): void {
    const metadata = JSON.parse(this.row(position).metadata) as Record<string, unknown>;
    this.setColumn(position, 'metadata', JSON.stringify({ ...metadata, [field]: value }));
  }

  /** Empties an event as a disposal would, with no disposal recorded: the mark claims `disposalEventId`. */
  disposeByHand(position: number, disposalEventId: string): void {
    this.setColumn(position, 'data', '{}');
    this.setColumn(position, 'metadata', '{}');
    this.setColumn(position, 'disposal', JSON.stringify({ disposalEventId, disposalPosition: position, disposedAt: this.row(position).recorded_at }));
  }

  setColumn(
    position: number,
    column: 'data' | 'metadata' | 'hash' | 'recorded_at' | 'type' | 'stream_id' | 'event_id' | 'revision' | 'disposal',
    value: string,
  ): void {
    this.db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(value, position);
  }

  deleteRow(position: number): void {
    this.db.prepare('DELETE FROM events WHERE position = ?').run(position);
  }

  /** Removes every event after `position`: a truncated tail. */
  truncateAfter(position: number): void {
    this.db.prepare('DELETE FROM events WHERE position > ?').run(position);
  }

  /** Exchanges the positions of two rows (the rows keep their contents). */
  swapRows(a: number, b: number): void {
    this.db.transaction(() => {
      const move = this.db.prepare('UPDATE events SET position = ? WHERE position = ?');
      move.run(-1, a);
      move.run(a, b);
      move.run(b, -1);
    })();
  }

  /**
   * A careful forger: after editing a stream, recomputes every hash of that stream from
   * `fromRevision` on, so the chain itself verifies again. Only a signed checkpoint catches this.
   */
  rechain(streamId: string, fromRevision = 0): void {
    const rows = this.db
      .prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision')
      .all(streamId);
    let previous = GENESIS_HASH;
    for (const row of rows) {
      if (row.revision >= fromRevision) {
        const hash = eventHash({
          previousHash: previous,
          streamId: row.stream_id,
          revision: row.revision,
          eventId: row.event_id,
          type: row.type,
          data: JSON.parse(row.data),
          metadata: JSON.parse(row.metadata),
          recordedAt: row.recorded_at,
        });
        this.setColumn(row.position, 'hash', hash);
        previous = hash;
      } else {
        previous = row.hash;
      }
    }
  }

  /** Moves an event to another position (no hash covers positions). */
  renumber(from: number, to: number): void {
    this.db.prepare('UPDATE events SET position = ? WHERE position = ?').run(to, from);
  }

  /** Leaves the triggers that refuse edits dropped: a careless tamperer. */
  leaveTriggersDropped(): void {
    this.triggers.length = 0;
  }

  close(): void {
    for (const { sql } of this.triggers) this.db.exec(sql);
    this.db.close();
  }
}

/**
 * Rebuilds the category index of a closed file as if `streamId` were in another category,
 * then puts the index's definition back: rows and schema look untouched, but a filter on the
 * category no longer finds that stream's events. Only SQLite's integrity check sees it.
 * Done with Python's sqlite3 module, as a tamperer with any SQLite tool could: better-sqlite3
 * runs SQLite in defensive mode, which refuses edits of the schema table.
 */
export function hideStreamFromCategoryIndex(file: string, streamId: string): void {
  execFileSync('python3', ['-c', HIDE_FROM_CATEGORY_INDEX, file, streamId]);
}

const HIDE_FROM_CATEGORY_INDEX = `
import re, sqlite3, sys
file, stream = sys.argv[1], sys.argv[2]
def edit(sql):
    db = sqlite3.connect(file)
    db.execute('PRAGMA writable_schema = ON')
    db.execute("UPDATE sqlite_schema SET sql = ? WHERE name = 'events_by_category'", (sql,))
    version = db.execute('PRAGMA schema_version').fetchone()[0]
    db.execute('PRAGMA schema_version = %d' % (version + 1))
    db.commit()
    db.close()
db = sqlite3.connect(file)
original = db.execute("SELECT sql FROM sqlite_schema WHERE name = 'events_by_category'").fetchone()[0]
db.close()
edit(re.sub(r"ON events \\((.*)\\)$", lambda m: "ON events (CASE WHEN stream_id = '%s' THEN 'hidden' ELSE %s END)" % (stream, m.group(1)), original, flags=re.S))
db = sqlite3.connect(file)
db.execute('REINDEX events_by_category')
db.commit()
db.close()
edit(original)
`;
