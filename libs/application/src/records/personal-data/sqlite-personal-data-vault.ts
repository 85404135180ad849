import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { PersonalDataErasure, PersonalDataVault, VaultEntry } from './personal-data-vault.js';

/** The vault's file in the data directory. */
export const PERSONAL_DATA_FILE = 'personal-data.sqlite';

interface EntryRow {
  commitment: string;
  text: string | null;
  salt: string | null;
  sealed_at: string;
  erased_at: string | null;
  erasure_reason: string | null;
  erasure_id: string | null;
  streams: string | null;
}

const SELECT_ENTRY = `SELECT e.*, (SELECT json_group_array(stream_id) FROM uses u WHERE u.commitment = e.commitment) AS streams FROM entries e`;

/**
 * The vault in its own SQLite file, so that backups, retention and erasure can treat it apart
 * from the log. `secure_delete` zeroes the bytes an erasure frees, and the file keeps a
 * rollback journal rather than a write-ahead log: a WAL keeps old pages (the name) for as long
 * as any reader holds it open, while a rollback journal is emptied once the erasure commits.
 * Emptied by truncation rather than deleted: the same bytes go, without creating and removing
 * a file (and syncing its directory) at every write, which commands pay for on first naming
 * someone in a stream.
 */
export class SqlitePersonalDataVault implements PersonalDataVault {
  private readonly db: Database;
  private readonly knownUses = new Set<string>();
  private readonly statements;

  constructor(file: string, synchronous: 'FULL' | 'NORMAL' = 'FULL') {
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = TRUNCATE');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS entries (
        commitment TEXT PRIMARY KEY,
        text TEXT,
        salt TEXT,
        sealed_at TEXT NOT NULL,
        erased_at TEXT,
        erasure_reason TEXT,
        erasure_id TEXT
      );
      CREATE UNIQUE INDEX IF NOT EXISTS entries_live_text ON entries (text) WHERE text IS NOT NULL;
      CREATE TABLE IF NOT EXISTS uses (
        commitment TEXT NOT NULL REFERENCES entries (commitment),
        stream_id TEXT NOT NULL,
        PRIMARY KEY (commitment, stream_id)
      ) WITHOUT ROWID;
    `);
    this.statements = {
      liveByText: this.db.prepare<[string], EntryRow>(`${SELECT_ENTRY} WHERE e.text = ?`),
      byCommitment: this.db.prepare<[string], EntryRow>(`${SELECT_ENTRY} WHERE e.commitment = ?`),
      live: this.db.prepare<[], EntryRow>(`${SELECT_ENTRY} WHERE e.text IS NOT NULL ORDER BY e.sealed_at`),
      add: this.db.prepare(`INSERT OR IGNORE INTO entries (commitment, text, salt, sealed_at) VALUES (?, ?, ?, ?)`),
      use: this.db.prepare(`INSERT OR IGNORE INTO uses (commitment, stream_id) VALUES (?, ?)`),
      erase: this.db.prepare(
        `UPDATE entries SET text = NULL, salt = NULL, erased_at = ?, erasure_reason = ?, erasure_id = ? WHERE commitment = ? AND erased_at IS NULL`,
      ),
    };
  }

  liveEntryOf(text: string): VaultEntry | undefined {
    const row = this.statements.liveByText.get(text);
    return row && entryOf(row);
  }

  add({ commitment, text, salt, sealedAt }: { commitment: string; text: string; salt: string; sealedAt: string }): void {
    this.statements.add.run(commitment, text, salt, sealedAt);
  }

  noteUse(commitment: string, streamId: string): void {
    // Most commands name someone already named in the same stream: no write for those.
    const key = `${commitment} ${streamId}`;
    if (this.knownUses.has(key)) return;
    this.statements.use.run(commitment, streamId);
    this.knownUses.add(key);
  }

  entries(commitments: Iterable<string>): Map<string, VaultEntry> {
    const found = new Map<string, VaultEntry>();
    for (const commitment of commitments) {
      const row = this.statements.byCommitment.get(commitment);
      if (row) found.set(commitment, entryOf(row));
    }
    return found;
  }

  live(): VaultEntry[] {
    return this.statements.live.all().map(entryOf);
  }

  erase(commitment: string, { erasedAt, reason, erasureId }: PersonalDataErasure): boolean {
    return this.statements.erase.run(erasedAt, reason, erasureId, commitment).changes > 0;
  }

  close(): void {
    this.db.close();
  }
}

function entryOf(row: EntryRow): VaultEntry {
  return {
    commitment: row.commitment,
    ...(row.text !== null && row.salt !== null && { name: { text: row.text, salt: row.salt } }),
    sealedAt: row.sealed_at,
    streams: (JSON.parse(row.streams ?? '[]') as string[]).sort(),
    ...(row.erased_at !== null && {
      erasure: { erasedAt: row.erased_at, reason: row.erasure_reason ?? '', erasureId: row.erasure_id ?? '' },
    }),
  };
}
