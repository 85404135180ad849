import type { Database } from 'better-sqlite3';
import { StoreUnavailableError } from '../../event-store.errors.js';

/**
 * `MIGRATIONS[v]` takes a file from schema version v to v + 1; the version lives in
 * `PRAGMA user_version`. Never edit a migration that has shipped: add the next one.
 */
/**
 * categoryOf (stream-names.ts) in SQL: the part of stream_id before the first '-', or all of
 * it. Queries must spell it exactly so, or SQLite will not use the index built on it.
 */
export const CATEGORY_OF_STREAM_ID = "substr(stream_id, 1, instr(stream_id || '-', '-') - 1)";

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    -- The global position is the rowid, assigned as max + 1 inside the write transaction.
    -- Writes are serialised (BEGIN IMMEDIATE), so positions become visible in commit
    -- order and a reader never sees a gap that a slower writer fills in later, which is
    -- what lets subscriptions read "position > last" and miss nothing.
    -- Not AUTOINCREMENT: rows are never deleted (see the triggers), so max + 1 is never reused.
    position    INTEGER PRIMARY KEY,
    event_id    TEXT    NOT NULL UNIQUE,
    stream_id   TEXT    NOT NULL,
    -- Derived from stream_id (stream-names.ts) and stored, so category filters use an index.
    category    TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    -- SHA-256 (hex) chained to the previous event of the stream (chain/event-hash.ts).
    hash        TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  ) STRICT;

  -- Index entries end with the rowid, so each is ordered by position within its key.
  CREATE INDEX events_by_category ON events (category);
  CREATE INDEX events_by_type ON events (type);

  -- Nothing is ever edited or deleted (architecture, decision 5): refuse it in the file too.
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
  CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are never deleted'); END;
  `,
  // 2: the category is no longer a column of its own. A stored copy was covered by no hash,
  // so an edit of it hid events from category filters while the chain still verified. The
  // index is now an expression of stream_id, which the hash covers; `PRAGMA integrity_check`
  // (run by verification) finds an index that no longer agrees with its rows.
  `
  DROP INDEX events_by_category;
  ALTER TABLE events DROP COLUMN category;
  CREATE INDEX events_by_category ON events (${CATEGORY_OF_STREAM_ID});
  `,
  // 3: disposal (disposal/disposal-record.ts). An event past retention may be emptied once,
  // by a recorded disposal: its data and metadata become '{}' and `disposal` names the
  // disposal event; nothing else of the row may change, and no other update is allowed.
  // Verification refuses a row so marked that no recorded disposal names.
  `
  ALTER TABLE events ADD COLUMN disposal TEXT;
  DROP TRIGGER events_no_update;
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    WHEN NOT (
      OLD.disposal IS NULL AND NEW.disposal IS NOT NULL AND NEW.data = '{}' AND NEW.metadata = '{}'
      AND NEW.position = OLD.position AND NEW.event_id = OLD.event_id AND NEW.stream_id = OLD.stream_id
      AND NEW.revision = OLD.revision AND NEW.type = OLD.type AND NEW.recorded_at = OLD.recorded_at AND NEW.hash = OLD.hash
    )
    BEGIN SELECT RAISE(ABORT, 'events are immutable: only a recorded disposal empties a payload, once'); END;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the file to SCHEMA_VERSION; safe when several processes open a new file at once. */
export function migrate(db: Database): void {
  if (schemaVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated meanwhile.
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new StoreUnavailableError(
        `The event store file has schema version ${version}; this code knows up to ${SCHEMA_VERSION}. Upgrade the application.`,
      );
    }
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
