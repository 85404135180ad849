import type { Database, Statement } from 'better-sqlite3';
import { parseCheckpoint, parseSignedNote } from '#verifier';

/** A checkpoint as the ledger signed it. */
export interface StoredCheckpoint {
  treeSize: number;
  /** The root the note signs (read from it: the note is the one record of it). */
  root: Buffer;
  /** The C2SP signed note: checkpoint text, blank line, the ledger's signature line. */
  note: string;
  signedAt: string;
}

/** A witness's C2SP cosignature of a checkpoint. */
export interface StoredCosignature {
  /** The witness's C2SP verifier key the line was checked with. */
  witnessKey: string;
  /** The note signature line (`— <name> <base64>`), ending in a newline. */
  line: string;
  receivedAt: string;
  /** Who posted it: the actor of the credential used. */
  postedBy: string;
}

/** An RFC 3161 timestamp of a checkpoint. */
export interface StoredTimestamp {
  /** The TSA's TimeStampResp, DER. */
  reply: Buffer;
  genTime: string;
  tsaUrl: string;
}

interface CheckpointRow {
  tree_size: number;
  note: string;
  signed_at: string;
}

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  treeSize: row.tree_size,
  root: parseCheckpoint(parseSignedNote(row.note).text).rootHash,
  note: row.note,
  signedAt: row.signed_at,
});

/** Witnesses whose cosignatures one checkpoint keeps at most (C2SP signed-note asks verifiers to accept 16). */
export const MAX_COSIGNATURES = 16;

/** A checkpoint's note followed by its cosignature lines, in the order they came. */
const PUBLISHED = `c.note || COALESCE((SELECT group_concat(line, '') FROM
  (SELECT line FROM checkpoint_cosignatures s WHERE s.tree_size = c.tree_size ORDER BY received_at, witness_key)), '')`;

/**
 * The checkpoints the ledger signed, with what others added to them: cosignatures and
 * timestamps. Unlike the tree, none of it can be made again, so every write is flushed
 * to disk (synchronous = FULL) before it returns.
 */
export class CheckpointBook {
  private readonly insert: Statement<CheckpointRow>;
  private readonly bySize: Statement<[number], CheckpointRow>;
  private readonly newest: Statement<[], CheckpointRow>;
  private readonly publishedBySize: Statement<[number], string>;
  private readonly everythingPublished: Statement<[], { tree_size: number; published: string }>;
  private readonly mostCosignedCovering: Statement<[number], CheckpointRow>;
  private readonly insertCosignature: Statement<[number, string, string, string, string]>;
  private readonly cosignaturesOf: Statement<[number], StoredCosignature>;
  private readonly insertTimestamp: Statement<[number, Buffer, string, string]>;
  private readonly timestampOf: Statement<[number], StoredTimestamp>;

  constructor(private readonly db: Database) {
    this.insert = db.prepare('INSERT INTO checkpoints (tree_size, note, signed_at) VALUES (@tree_size, @note, @signed_at) ON CONFLICT DO NOTHING');
    const columns = 'c.tree_size, c.note, c.signed_at';
    this.bySize = db.prepare(`SELECT ${columns} FROM checkpoints c WHERE c.tree_size = ?`);
    this.newest = db.prepare(`SELECT ${columns} FROM checkpoints c ORDER BY c.tree_size DESC LIMIT 1`);
    this.publishedBySize = db.prepare<[number], string>(`SELECT ${PUBLISHED} FROM checkpoints c WHERE c.tree_size = ?`).pluck();
    // One query for every checkpoint as published: verification reads them all.
    this.everythingPublished = db.prepare(`SELECT c.tree_size, ${PUBLISHED} AS published FROM checkpoints c ORDER BY c.tree_size`);
    this.mostCosignedCovering = db.prepare(
      `SELECT ${columns} FROM checkpoints c
       WHERE c.tree_size >= ?
       ORDER BY (SELECT count(*) FROM checkpoint_cosignatures s WHERE s.tree_size = c.tree_size) DESC, c.tree_size
       LIMIT 1`,
    );
    this.insertCosignature = db.prepare(
      `INSERT INTO checkpoint_cosignatures (tree_size, witness_key, line, received_at, posted_by)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.cosignaturesOf = db.prepare(
      `SELECT witness_key AS witnessKey, line, received_at AS receivedAt, posted_by AS postedBy
       FROM checkpoint_cosignatures WHERE tree_size = ? ORDER BY received_at, witness_key`,
    );
    this.insertTimestamp = db.prepare(
      'INSERT INTO checkpoint_timestamps (tree_size, reply, gen_time, tsa_url) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.timestampOf = db.prepare(
      'SELECT reply, gen_time AS genTime, tsa_url AS tsaUrl FROM checkpoint_timestamps WHERE tree_size = ?',
    );
  }

  /**
   * Keeps a checkpoint. Ed25519 signatures are deterministic, so signing the same tree size
   * twice (two processes, a retry) gives the same note: kept once. A different note for a
   * size already signed would be a fork, and is refused.
   */
  add(checkpoint: Omit<StoredCheckpoint, 'root'>): void {
    this.durably(() => {
      this.insert.run({ tree_size: checkpoint.treeSize, note: checkpoint.note, signed_at: checkpoint.signedAt });
      const kept = this.at(checkpoint.treeSize)!;
      if (kept.note !== checkpoint.note) {
        throw new Error(`A different checkpoint of tree size ${checkpoint.treeSize} is already signed: refusing to fork`);
      }
    });
  }

  at(treeSize: number): StoredCheckpoint | undefined {
    const row = this.bySize.get(treeSize);
    return row && toCheckpoint(row);
  }

  /**
   * The checkpoint to prove the first `treeSize` leaves with: of those that cover them, the
   * one the most witnesses cosigned (witnesses cosign whatever is latest when they look, so
   * most checkpoints have none), the smallest of those.
   */
  bestCovering(treeSize: number): StoredCheckpoint | undefined {
    const row = this.mostCosignedCovering.get(treeSize);
    return row && toCheckpoint(row);
  }

  /** Every checkpoint as published (with its cosignatures), smallest first. */
  allPublished(): { treeSize: number; note: string }[] {
    return this.everythingPublished.all().map((row) => ({ treeSize: row.tree_size, note: row.published }));
  }

  latest(): StoredCheckpoint | undefined {
    const row = this.newest.get();
    return row && toCheckpoint(row);
  }

  /**
   * 'added'; 'known' (this witness already cosigned it); 'poster-used' (this poster already
   * posted another key's cosignature of it); 'full' (MAX_COSIGNATURES reached).
   */
  addCosignature(treeSize: number, cosignature: StoredCosignature): 'added' | 'known' | 'poster-used' | 'full' {
    return this.durably(() => {
      const existing = this.cosignatures(treeSize);
      if (existing.some((c) => c.witnessKey === cosignature.witnessKey)) return 'known';
      if (existing.some((c) => c.postedBy === cosignature.postedBy)) return 'poster-used';
      if (existing.length >= MAX_COSIGNATURES) return 'full';
      const { witnessKey, line, receivedAt, postedBy } = cosignature;
      this.insertCosignature.run(treeSize, witnessKey, line, receivedAt, postedBy);
      return 'added';
    });
  }

  cosignatures(treeSize: number): StoredCosignature[] {
    return this.cosignaturesOf.all(treeSize);
  }

  /** The checkpoint as published: the ledger's note with every cosignature line after its own. */
  published(treeSize: number): string | undefined {
    return this.publishedBySize.get(treeSize);
  }

  addTimestamp(treeSize: number, timestamp: StoredTimestamp): void {
    this.durably(() => void this.insertTimestamp.run(treeSize, timestamp.reply, timestamp.genTime, timestamp.tsaUrl));
  }

  timestamp(treeSize: number): StoredTimestamp | undefined {
    return this.timestampOf.get(treeSize);
  }

  /** One write transaction, synced to disk before it returns. */
  private durably<T>(work: () => T): T {
    this.db.pragma('synchronous = FULL');
    try {
      return this.db.transaction(work).immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }
}
