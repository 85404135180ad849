import type { Database, Statement } from 'better-sqlite3';
import type { StreamHead, StreamHeads } from '../chain/chain-verifier.js';

/**
 * What the log tree took in of each stream's chain, kept in the proofs file beside it: each
 * stream's last event, and the commit time of the last leaf (commit times never go back
 * along the log). The follower checks each new event against them before it becomes a leaf.
 */
export class TreeChains {
  private readonly readHead: Statement<[string], StreamHead>;
  private readonly writeHead: Statement<StreamHead>;
  private readonly readLastRecordedAt: Statement<[], string>;
  private readonly writeLastRecordedAt: Statement<[string]>;

  constructor(db: Database) {
    this.readHead = db.prepare<[string], StreamHead>(
      'SELECT stream_id AS streamId, revision, hash, recorded_at AS recordedAt FROM tree_stream_heads WHERE stream_id = ?',
    );
    this.writeHead = db.prepare<StreamHead>(
      `INSERT INTO tree_stream_heads (stream_id, revision, hash, recorded_at) VALUES (@streamId, @revision, @hash, @recordedAt)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash, recorded_at = excluded.recorded_at`,
    );
    this.readLastRecordedAt = db.prepare<[], string>('SELECT last_recorded_at FROM tree_state WHERE id = 1').pluck();
    this.writeLastRecordedAt = db.prepare<[string]>(
      'INSERT INTO tree_state (id, last_recorded_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_recorded_at = excluded.last_recorded_at',
    );
  }

  /** A stream's last event as the tree took it in. */
  head(streamId: string): StreamHead | undefined {
    return this.readHead.get(streamId);
  }

  /** The commit time of the last leaf's event ('' before the first). */
  lastRecordedAt(): string {
    return this.readLastRecordedAt.get() ?? '';
  }

  /** Heads for one batch: read from the file, changed in memory, saved at once with the batch's leaves. */
  forBatch(): StreamHeads & { save(lastRecordedAt: string): void } {
    const changed = new Map<string, StreamHead>();
    return {
      get: (streamId) => changed.get(streamId) ?? this.head(streamId),
      set: (head) => void changed.set(head.streamId, head),
      get size() {
        return changed.size;
      },
      save: (lastRecordedAt) => {
        for (const head of changed.values()) this.writeHead.run(head);
        this.writeLastRecordedAt.run(lastRecordedAt);
      },
    };
  }
}
