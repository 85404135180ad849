import { existsSync, renameSync, rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { EventStore } from '#event-store';

/**
 * Which store a read-model file was built from: the store's first event, its id and position.
 * Another store (a KurrentDB server replaced by another database, an events file of another
 * ledger) has another first event; the same store restored from a backup has the same one
 * but a head behind the read models' positions. Either way the file's positions mean nothing
 * there: followed from them, the runner would skip the events before them in silence.
 */
export interface StoreOrigin {
  firstEventId: string;
  firstPosition: number;
}

/** What stops a read-model file being followed on from its positions over this store, or undefined. */
export async function readModelsForeignTo(readModels: Database, store: EventStore): Promise<string | undefined> {
  const recorded = recordedOrigin(readModels);
  const origin = await originOf(store);
  if (recorded && (!origin || recorded.firstEventId !== origin.firstEventId || recorded.firstPosition !== origin.firstPosition)) {
    const now = origin ? `event ${origin.firstEventId} at position ${origin.firstPosition}` : 'no event';
    return `they were built from a store whose first event is ${recorded.firstEventId} at position ${recorded.firstPosition}, and this store's first is ${now}`;
  }
  const furthest = furthestPosition(readModels);
  if (furthest > 0) {
    const head = await store.headPosition();
    if (furthest > head) return `they stand at position ${furthest}, beyond the head of this store (${head}): the store was restored or replaced`;
  }
  return undefined;
}

/** Records the store the file follows (once it has a first event); kept while the file is. */
export async function recordReadModelsOrigin(readModels: Database, store: EventStore): Promise<void> {
  if (recordedOrigin(readModels)) return;
  const origin = await originOf(store);
  if (!origin) return;
  createOriginTable(readModels);
  readModels
    .prepare('INSERT OR IGNORE INTO ledger_store_origin (id, first_event_id, first_position, recorded_at) VALUES (1, ?, ?, ?)')
    .run(origin.firstEventId, origin.firstPosition, new Date().toISOString());
}

/**
 * Moves a read-model file (closed) aside, with its WAL, as `<file>.replaced` (replacing an
 * earlier one): the read models are rebuilt from the log, and the old file stays to look at.
 */
export function moveReadModelsAside(file: string): string {
  const aside = `${file}.replaced`;
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`${aside}${suffix}`, { force: true });
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`);
  }
  return aside;
}

async function originOf(store: EventStore): Promise<StoreOrigin | undefined> {
  for await (const event of store.readAll({ maxCount: 1 })) return { firstEventId: event.eventId, firstPosition: event.position };
  return undefined;
}

function recordedOrigin(readModels: Database): StoreOrigin | undefined {
  if (!hasTable(readModels, 'ledger_store_origin')) return undefined;
  return readModels
    .prepare<[], StoreOrigin>('SELECT first_event_id AS firstEventId, first_position AS firstPosition FROM ledger_store_origin WHERE id = 1')
    .get();
}

/** The furthest position any projection stands at (0: none yet). */
function furthestPosition(readModels: Database): number {
  if (!hasTable(readModels, 'projection_checkpoints')) return 0;
  return readModels.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM projection_checkpoints').pluck().get() ?? 0;
}

function createOriginTable(readModels: Database): void {
  readModels.exec(`CREATE TABLE IF NOT EXISTS ledger_store_origin (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    first_event_id TEXT NOT NULL,
    first_position INTEGER NOT NULL,
    recorded_at TEXT NOT NULL
  ) STRICT`);
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get('table', name) !== undefined;
}
