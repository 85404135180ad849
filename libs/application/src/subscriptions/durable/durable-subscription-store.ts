import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { RecordedEvent } from '#event-store';
import type { EventSelection } from '../event-selection.js';
import type { DurableSubscriptionRecord, DurableSubscriptionStates, ParkedEventRecord, SessionState } from './durable-subscription-states.js';

/**
 * The durable subscriptions of a SQLite ledger: definitions, checkpoints, settled-above
 * positions, nack counts and parked events in their own SQLite file beside the log
 * (`subscriptions.sqlite`): the log stays append-only, and the read models stay rebuildable
 * from it. One process owns a SQLite ledger, so this local file is the only copy needed.
 *
 * Every method is one transaction; an ack is answered only after its commit.
 */
interface SubscriptionRow {
  name: string;
  selection: string;
  start_position: number;
  checkpoint: number;
  max_retries: number;
  max_in_flight: number;
  created_at: string;
  created_by: string;
}

interface ParkedRow {
  position: number;
  event: string;
  reason: string;
  attempts: number;
  parked_at: string;
  replay_requested_at: string | null;
}

/** Opens (or creates) the subscriptions database; ':memory:' for a store that keeps nothing. */
export function openSubscriptionDatabase(file: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Database {
  const db = new BetterSqlite3(file);
  // One serving process owns the subscriptions of a data directory, as it owns its read models.
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  return db;
}

export class DurableSubscriptionStore implements DurableSubscriptionStates {
  private readonly statements: ReturnType<typeof prepare>;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {
    createTables(db);
    this.statements = prepare(db);
  }

  insert(record: Omit<DurableSubscriptionRecord, 'createdAt' | 'checkpoint'>): DurableSubscriptionRecord {
    const createdAt = this.now();
    this.statements.insert.run({
      name: record.name,
      selection: JSON.stringify(record.selection),
      startPosition: record.startPosition,
      maxRetries: record.maxRetries,
      maxInFlight: record.maxInFlight,
      createdAt,
      createdBy: record.createdBy,
    });
    return { ...record, checkpoint: record.startPosition, createdAt };
  }

  get(name: string): DurableSubscriptionRecord | undefined {
    const row = this.statements.selectOne.get(name);
    return row && recordOf(row);
  }

  list(): DurableSubscriptionRecord[] {
    return this.statements.selectAll.all().map(recordOf);
  }

  delete(name: string): boolean {
    return this.db.transaction(() => {
      for (const statement of this.statements.deleteAll) statement.run(name);
      return this.statements.deleteSubscription.run(name).changes > 0;
    })();
  }

  sessionState(name: string): SessionState {
    const subscription = this.get(name);
    if (!subscription) throw new Error(`No durable subscription ${name}`);
    return {
      checkpoint: subscription.checkpoint,
      settledAbove: new Set(this.statements.selectSettled.all(name).map((row) => row.position)),
      nacks: new Map(this.statements.selectNacks.all(name).map((row) => [row.position, row.nacks])),
      replays: this.statements.selectReplays.all(name).map(parkedOf),
    };
  }

  /**
   * Records positions settled above the checkpoint and moves the checkpoint (never back);
   * what falls at or below it is forgotten.
   */
  settle(name: string, positions: readonly number[], checkpoint: number): void {
    this.db.transaction(() => this.settleInTransaction(name, positions, checkpoint))();
  }

  /** Counts one more nack of an event and returns the count. */
  recordNack(name: string, position: number, reason: string): number {
    return this.statements.upsertNack.get({ name, position, reason })!.nacks;
  }

  park(name: string, event: RecordedEvent, reason: string, attempts: number, checkpoint: number): void {
    this.db.transaction(() => {
      this.statements.insertParked.run({ name, position: event.position, event: JSON.stringify(event), reason, attempts, parkedAt: this.now() });
      this.settleInTransaction(name, [event.position], checkpoint);
    })();
  }

  /** A replayed event failed again: it stays parked, with the new reason, until replayed again. */
  repark(name: string, position: number, reason: string, attempts: number): void {
    this.statements.repark.run({ name, position, reason, attempts, parkedAt: this.now() });
  }

  /** A replayed event was handled: it is parked no more. */
  unpark(name: string, position: number): boolean {
    return this.statements.deleteParked.run(name, position).changes > 0;
  }

  listParked(name: string): ParkedEventRecord[] {
    return this.statements.selectParked.all(name).map(parkedOf);
  }

  countParked(name: string): number {
    return this.statements.countParked.get(name)!.count;
  }

  /** Marks parked events for replay (all of them when `positions` is undefined); returns those marked. */
  requestReplay(name: string, positions?: readonly number[]): ParkedEventRecord[] {
    const at = this.now();
    return this.db.transaction(() => {
      if (positions === undefined) this.statements.requestAllReplays.run(at, name);
      else for (const position of positions) this.statements.requestReplay.run(at, name, position);
      const requested = new Set(positions);
      return this.statements.selectReplays
        .all(name)
        .map(parkedOf)
        .filter((parked) => positions === undefined || requested.has(parked.position));
    })();
  }

  private settleInTransaction(name: string, positions: readonly number[], checkpoint: number): void {
    const { statements } = this;
    statements.advance.run(checkpoint, this.now(), name);
    for (const position of positions) {
      if (position > checkpoint) statements.insertSettled.run(name, position);
      statements.deleteNack.run(name, position);
    }
    statements.forgetSettled.run(name, checkpoint);
    statements.forgetNacks.run(name, checkpoint);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

function createTables(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS durable_subscriptions (
      name TEXT PRIMARY KEY,
      selection TEXT NOT NULL,
      start_position INTEGER NOT NULL,
      checkpoint INTEGER NOT NULL,
      max_retries INTEGER NOT NULL,
      max_in_flight INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS durable_subscription_settled (
      name TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (name, position)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS durable_subscription_nacks (
      name TEXT NOT NULL,
      position INTEGER NOT NULL,
      nacks INTEGER NOT NULL,
      last_reason TEXT NOT NULL,
      PRIMARY KEY (name, position)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS durable_subscription_parked (
      name TEXT NOT NULL,
      position INTEGER NOT NULL,
      event TEXT NOT NULL,
      reason TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      parked_at TEXT NOT NULL,
      replay_requested_at TEXT,
      PRIMARY KEY (name, position)
    ) STRICT;
  `);
}

function prepare(db: Database) {
  const subscriptionColumns =
    'name, selection, start_position, checkpoint, max_retries, max_in_flight, created_at, created_by';
  const parkedColumns = 'position, event, reason, attempts, parked_at, replay_requested_at';
  return {
    insert: db.prepare(`INSERT INTO durable_subscriptions
      (name, selection, start_position, checkpoint, max_retries, max_in_flight, created_at, created_by, updated_at)
      VALUES (@name, @selection, @startPosition, @startPosition, @maxRetries, @maxInFlight, @createdAt, @createdBy, @createdAt)`),
    selectOne: db.prepare(`SELECT ${subscriptionColumns} FROM durable_subscriptions WHERE name = ?`) as Statement<[string], SubscriptionRow>,
    selectAll: db.prepare(`SELECT ${subscriptionColumns} FROM durable_subscriptions ORDER BY name`) as Statement<[], SubscriptionRow>,
    deleteSubscription: db.prepare('DELETE FROM durable_subscriptions WHERE name = ?'),
    deleteAll: ['durable_subscription_settled', 'durable_subscription_nacks', 'durable_subscription_parked'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE name = ?`),
    ),
    advance: db.prepare('UPDATE durable_subscriptions SET checkpoint = max(checkpoint, ?), updated_at = ? WHERE name = ?'),
    insertSettled: db.prepare('INSERT OR IGNORE INTO durable_subscription_settled (name, position) VALUES (?, ?)'),
    forgetSettled: db.prepare('DELETE FROM durable_subscription_settled WHERE name = ? AND position <= ?'),
    selectSettled: db.prepare('SELECT position FROM durable_subscription_settled WHERE name = ?') as Statement<[string], { position: number }>,
    upsertNack: db.prepare(`INSERT INTO durable_subscription_nacks (name, position, nacks, last_reason)
      VALUES (@name, @position, 1, @reason)
      ON CONFLICT (name, position) DO UPDATE SET nacks = nacks + 1, last_reason = excluded.last_reason
      RETURNING nacks`) as Statement<[{ name: string; position: number; reason: string }], { nacks: number }>,
    deleteNack: db.prepare('DELETE FROM durable_subscription_nacks WHERE name = ? AND position = ?'),
    forgetNacks: db.prepare('DELETE FROM durable_subscription_nacks WHERE name = ? AND position <= ?'),
    selectNacks: db.prepare('SELECT position, nacks FROM durable_subscription_nacks WHERE name = ?') as Statement<
      [string],
      { position: number; nacks: number }
    >,
    insertParked: db.prepare(`INSERT INTO durable_subscription_parked (name, position, event, reason, attempts, parked_at)
      VALUES (@name, @position, @event, @reason, @attempts, @parkedAt)
      ON CONFLICT (name, position) DO UPDATE SET reason = excluded.reason, attempts = excluded.attempts,
        parked_at = excluded.parked_at, replay_requested_at = NULL`),
    repark: db.prepare(`UPDATE durable_subscription_parked
      SET reason = @reason, attempts = @attempts, parked_at = @parkedAt, replay_requested_at = NULL
      WHERE name = @name AND position = @position`),
    deleteParked: db.prepare('DELETE FROM durable_subscription_parked WHERE name = ? AND position = ?'),
    selectParked: db.prepare(`SELECT ${parkedColumns} FROM durable_subscription_parked WHERE name = ? ORDER BY position`) as Statement<
      [string],
      ParkedRow
    >,
    selectReplays: db.prepare(
      `SELECT ${parkedColumns} FROM durable_subscription_parked WHERE name = ? AND replay_requested_at IS NOT NULL ORDER BY position`,
    ) as Statement<[string], ParkedRow>,
    countParked: db.prepare('SELECT count(*) AS count FROM durable_subscription_parked WHERE name = ?') as Statement<
      [string],
      { count: number }
    >,
    requestAllReplays: db.prepare('UPDATE durable_subscription_parked SET replay_requested_at = ? WHERE name = ?'),
    requestReplay: db.prepare('UPDATE durable_subscription_parked SET replay_requested_at = ? WHERE name = ? AND position = ?'),
  };
}

function recordOf(row: SubscriptionRow): DurableSubscriptionRecord {
  return {
    name: row.name,
    selection: JSON.parse(row.selection) as EventSelection,
    startPosition: row.start_position,
    checkpoint: row.checkpoint,
    maxRetries: row.max_retries,
    maxInFlight: row.max_in_flight,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function parkedOf(row: ParkedRow): ParkedEventRecord {
  return {
    position: row.position,
    event: JSON.parse(row.event) as RecordedEvent,
    reason: row.reason,
    attempts: row.attempts,
    parkedAt: row.parked_at,
    ...(row.replay_requested_at !== null ? { replayRequestedAt: row.replay_requested_at } : {}),
  };
}
