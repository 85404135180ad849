import Database from 'better-sqlite3';
import { eventHash, GENESIS_HASH } from '../chain/event-hash.js';

interface Row {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

/**
 * What someone with write access to events.sqlite could do behind the store's back. The
 * table refuses updates and deletes through triggers, so the tamperer drops them first,
 * as these helpers do. For tests of verification only.
 */
export class SqliteTamperer {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
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

  setColumn(position: number, column: 'data' | 'metadata' | 'hash' | 'recorded_at' | 'type', value: string): void {
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

  close(): void {
    this.db.close();
  }
}
