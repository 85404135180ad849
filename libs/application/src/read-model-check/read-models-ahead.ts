import type { Database } from 'better-sqlite3';
import { dealStreamName, isValidId } from '#domain';
import type { EventStore } from '#event-store';
import { CHECKED_PROJECTIONS } from './check-deal-read-model.js';
import { liveDealsTable } from './deals-in-read-models.js';
import { quote, ReadModelTables } from './read-model-tables.js';

/** A projection whose rows stand at a position the log does not reach: made from another log. */
export interface CheckpointAheadOfLog {
  projection: string;
  position: number;
  head: number;
}

/** A read model that shows more than the log holds: it was made from another log, or edited. */
export type ReadModelAhead =
  | ({ kind: 'checkpoint' } & CheckpointAheadOfLog)
  /** `streamRevision` null: the deal's stream does not exist. */
  | { kind: 'deal'; dealId: string; revision: number; streamRevision: number | null };

export interface ReadModelsAheadOptions {
  /** Stops between deals (a server closing). */
  signal?: AbortSignal;
  /** Each finding as it is found. */
  onFound?: (ahead: ReadModelAhead) => void;
  pageSize?: number;
}

/**
 * The cheap check a server runs at start: each projection's checkpoint against the log's
 * head (one read), then each deal's revision in the deal-state read model against its
 * stream's last revision: one indexed page of rows and one one-event read per deal, so
 * O(deals) and bounded memory. It does not look at values: `checkReadModels` does.
 * Run while the runner feeds the read models, it cannot report a false finding: a deal's
 * revision is read before its stream, and the runner only ever catches up to the stream.
 */
export async function findReadModelsAheadOfLog(
  store: EventStore,
  readModels: Database,
  options: ReadModelsAheadOptions = {},
): Promise<ReadModelAhead[]> {
  const live = new ReadModelTables(readModels);
  const found: ReadModelAhead[] = [];
  const report = (ahead: ReadModelAhead) => {
    found.push(ahead);
    options.onFound?.(ahead);
  };
  const head = await store.headPosition();
  for (const ahead of checkpointsAheadOfLog(live, head)) report({ kind: 'checkpoint', ...ahead });
  const pageSize = options.pageSize ?? 500;
  let after = '';
  while (!options.signal?.aborted) {
    const deals = liveDealsTable(live);
    if (deals === undefined) break;
    const page = readModels
      .prepare<[string, number], { deal_id: string; revision: number }>(
        `SELECT deal_id, revision FROM ${quote(deals)} WHERE deal_id > ? ORDER BY deal_id LIMIT ?`,
      )
      .all(after, pageSize);
    for (const { deal_id: dealId, revision } of page) {
      if (options.signal?.aborted) break;
      const last = isValidId(dealId) ? (await store.readStream(dealStreamName(dealId), { direction: 'backwards', maxCount: 1 }))[0] : undefined;
      if (!last || revision > last.revision) report({ kind: 'deal', dealId, revision, streamRevision: last?.revision ?? null });
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.deal_id;
  }
  return found;
}

/** Each checked projection whose checkpoint stands beyond the log's head. */
export function checkpointsAheadOfLog(live: ReadModelTables, head: number): CheckpointAheadOfLog[] {
  const ahead: CheckpointAheadOfLog[] = [];
  for (const projection of CHECKED_PROJECTIONS) {
    const position = live.served(projection.name)?.position ?? 0;
    if (position > head) ahead.push({ projection: projection.name, position, head });
  }
  return ahead;
}
