import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../event-store.errors.js';

/**
 * The ledger's proofs live in a SQLite file of their own (`transparency.sqlite`), beside
 * the event store whatever the store is: the Merkle tree over the log, which can be rebuilt
 * from the events at any time, and the signed checkpoints with their cosignatures and
 * timestamps, which cannot (they were signed by others, at a time). Never edit a migration
 * that has shipped: add the next one.
 */
const MIGRATIONS: readonly string[] = [
  `
  -- Every complete subtree's hash, at its stored-hash index (stored-hash-index.ts).
  CREATE TABLE tree_hashes (idx INTEGER PRIMARY KEY, hash BLOB NOT NULL) STRICT;
  -- The event each leaf is: leaf indexes count events, positions are the store's cursors.
  CREATE TABLE tree_leaves (leaf_index INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE) STRICT;
  -- Each stream's last event the tree took in, so each new one is checked against its
  -- predecessor before it becomes a leaf: nothing that breaks a chain is ever signed.
  CREATE TABLE tree_stream_heads (
    stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, hash TEXT NOT NULL, recorded_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  -- The commit time of the last leaf's event: commit times never go back along the log.
  CREATE TABLE tree_state (id INTEGER PRIMARY KEY CHECK (id = 1), last_recorded_at TEXT NOT NULL) STRICT;

  CREATE TABLE checkpoints (
    tree_size INTEGER PRIMARY KEY,
    -- The signed note exactly as the ledger signed it: text, blank line, one signature line.
    note      TEXT NOT NULL,
    signed_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE checkpoint_cosignatures (
    tree_size   INTEGER NOT NULL REFERENCES checkpoints (tree_size),
    -- The witness's C2SP verifier key the line was checked with, to check it again at any time.
    witness_key TEXT NOT NULL,
    -- The note signature line, as checked (re-written from what was checked, not as received).
    line        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- Who posted it (the credential's actor): one cosignature per poster and checkpoint, so
    -- a credential cannot fill a checkpoint's slots with keys of its own making.
    posted_by   TEXT NOT NULL,
    PRIMARY KEY (tree_size, witness_key),
    UNIQUE (tree_size, posted_by)
  ) STRICT;
  CREATE TABLE checkpoint_timestamps (
    tree_size INTEGER PRIMARY KEY REFERENCES checkpoints (tree_size),
    -- The RFC 3161 TimeStampResp, DER, as the TSA answered.
    reply     BLOB NOT NULL,
    gen_time  TEXT NOT NULL,
    tsa_url   TEXT NOT NULL
  ) STRICT;
  `,
];

const TRANSPARENCY_SCHEMA_VERSION = MIGRATIONS.length;

export interface TransparencyDatabaseOptions {
  /** How long to wait for a lock another process holds (default 5 s). */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/** Opens (creating and migrating when needed) the proofs file; ':memory:' for tests and the in-memory store. */
export function openTransparencyDatabase(file: string, options: TransparencyDatabaseOptions = {}): Database.Database {
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? 5_000, readonly: options.readonly ?? false });
  try {
    if (file !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
    // The tree is rebuilt from the log if a power cut loses its last pages; checkpoints are
    // written with FULL durability by the checkpoint book.
    if (!options.readonly) db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() === TRANSPARENCY_SCHEMA_VERSION) return;
  if (db.readonly) throw new StoreUnavailableError('The proofs file is not migrated yet: start the ledger once');
  db.transaction(() => {
    const current = version();
    if (current > TRANSPARENCY_SCHEMA_VERSION) {
      throw new StoreUnavailableError(
        `The proofs file has schema version ${current}; this code knows up to ${TRANSPARENCY_SCHEMA_VERSION}. Upgrade the application.`,
      );
    }
    for (let v = current; v < TRANSPARENCY_SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${TRANSPARENCY_SCHEMA_VERSION}`);
  }).immediate();
}
