import type { Database } from 'better-sqlite3';
import { DEAL_CATEGORY, dealIdFromStreamName } from '#domain';
import type { EventStore } from '#event-store';
import { CHECKED_PROJECTIONS, DealReadModelChecker } from './check-deal-read-model.js';
import { dealCount, dealIdsInReadModels, hasReadModelRows } from './deals-in-read-models.js';
import type { ReadModelDifference } from './read-model-difference.js';
import { ReadModelTables } from './read-model-tables.js';
import { checkpointsAheadOfLog, type CheckpointAheadOfLog } from './read-models-ahead.js';

export interface ReadModelCheckProgress {
  /** `read-models`: the deals the read models hold; `log`: the log, for deals they lack altogether. */
  stage: 'read-models' | 'log';
  /** Deals checked (read-models), or the log position reached (log). */
  done: number;
  /** Deals in the deal-state read model (read-models), or the head position (log). */
  total: number;
  differences: number;
}

export interface ReadModelCheckOptions {
  onProgress?: (progress: ReadModelCheckProgress) => void;
  /** Every difference, as it is found (the report keeps only the first `keep`). */
  onDifference?: (difference: ReadModelDifference) => void;
  /** How many differences the report keeps (default 1,000): memory stays bounded. */
  keep?: number;
}

export interface ReadModelCheckReport {
  ok: boolean;
  /** Deals compared, and the events of theirs that were folded. */
  deals: number;
  events: number;
  /** How many differences were found, and the first `keep` of them. */
  differenceCount: number;
  differences: ReadModelDifference[];
  checkpointsAhead: CheckpointAheadOfLog[];
  /** The head of the log when the check began. */
  head: number;
}

/**
 * Checks every deal's read-model rows against its events (see checkDealReadModel), stream
 * by stream: first every deal the read models hold (any row in any compared table), then
 * the log's deal streams the read models lack altogether. Memory holds one deal and a page
 * of ids; the work is O(events + rows). Also reports a read model ahead of the log: a
 * projection checkpoint beyond the log's head, a deal revision its stream does not have.
 */
export async function checkReadModels(
  store: EventStore,
  readModels: Database,
  options: ReadModelCheckOptions = {},
): Promise<ReadModelCheckReport> {
  const keep = options.keep ?? 1000;
  const live = new ReadModelTables(readModels);
  const checker = new DealReadModelChecker(store, readModels);
  const head = await store.headPosition();
  const report: ReadModelCheckReport = { ok: true, deals: 0, events: 0, differenceCount: 0, differences: [], checkpointsAhead: [], head };
  const found = (difference: ReadModelDifference) => {
    report.differenceCount++;
    if (report.differences.length < keep) report.differences.push(difference);
    options.onDifference?.(difference);
  };
  const check = async (dealId: string) => {
    const { differences, events } = await checker.check(dealId);
    report.deals++;
    report.events += events;
    differences.forEach(found);
  };
  try {
    report.checkpointsAhead.push(...checkpointsAheadOfLog(live, head));
    const total = dealCount(live);
    for (const dealId of dealIdsInReadModels(live, CHECKED_PROJECTIONS)) {
      await check(dealId);
      options.onProgress?.({ stage: 'read-models', done: report.deals, total: Math.max(total, report.deals), differences: report.differenceCount });
    }
    // A stream's first event (revision 0) names each deal of the log once.
    let seen = 0;
    for await (const event of store.readAll({ filter: { categories: [DEAL_CATEGORY] } })) {
      if (event.position > head) break;
      const dealId = dealIdFromStreamName(event.streamId);
      if (event.revision === 0 && dealId !== undefined && !hasReadModelRows(live, CHECKED_PROJECTIONS, dealId)) await check(dealId);
      if (++seen % 1000 === 0) options.onProgress?.({ stage: 'log', done: event.position, total: head, differences: report.differenceCount });
    }
    options.onProgress?.({ stage: 'log', done: head, total: head, differences: report.differenceCount });
  } finally {
    checker.close();
  }
  report.ok = report.differenceCount === 0 && report.checkpointsAhead.length === 0;
  return report;
}
