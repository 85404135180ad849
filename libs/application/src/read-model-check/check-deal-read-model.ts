import type { Database } from 'better-sqlite3';
import { assertValidId, dealStreamName, isValidId } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { auditProjection, dealStateProjection, tableSet, type Projection } from '#projections';
import { ApplicationError } from '../application.errors.js';
import { compareRows } from './compare-rows.js';
import type { ReadModelDifference, Row } from './read-model-difference.js';
import { ReadModelTables, type ServedProjection } from './read-model-tables.js';
import { ScratchFold, type FailedEvent } from './scratch-fold.js';

/** The read models a deal's answers are served from, each checked against the deal's events. */
export const CHECKED_PROJECTIONS: readonly Projection[] = [dealStateProjection, auditProjection];

/** One projection's served rows of one deal, read in one snapshot with its checkpoint. */
interface ServedRows {
  projection: Projection;
  served: ServedProjection | undefined;
  tables: { base: string; name: string; key: string[]; rows: Row[] }[];
  quarantined: number | null;
}

export interface DealCheck {
  differences: ReadModelDifference[];
  /** Events of the deal's stream (the fold used those up to each projection's position). */
  events: number;
}

/**
 * Checks deals' read-model rows against their events, one deal at a time, reusing one
 * scratch database (see checkReadModels for every deal). Close it when done.
 */
export class DealReadModelChecker {
  private readonly live: ReadModelTables;
  private readonly scratch: ScratchFold;

  constructor(
    private readonly store: EventStore,
    readModels: Database,
    private readonly projections: readonly Projection[] = CHECKED_PROJECTIONS,
  ) {
    this.live = new ReadModelTables(readModels);
    this.scratch = new ScratchFold(projections);
  }

  async check(dealId: string): Promise<DealCheck> {
    // An id no stream can have (a row inserted by hand) has no events: all its rows are unexpected.
    const streamId = isValidId(dealId) ? dealStreamName(dealId) : undefined;
    const served = this.servedRows(dealId, streamId);
    const events = streamId === undefined ? [] : await this.store.readStream(streamId);
    const failed = this.scratch.fold(events, new Map(served.map((s) => [s.projection.name, s.served?.position ?? 0])));
    const differences: ReadModelDifference[] = [];
    for (const projection of served) differences.push(...aheadOfLog(dealId, projection, events));
    for (const failure of failed) differences.push(eventFails(dealId, failure, served));
    for (const { projection, tables } of served) {
      for (const { base, rows } of tables) {
        const name = tableSet(0).name(base);
        differences.push(
          ...compareRows({
            dealId,
            projection: projection.name,
            table: base,
            key: this.scratch.tables.keyOf(name),
            served: rows,
            expected: this.scratch.tables.rowsOfDeal(name, dealId),
          }),
        );
      }
    }
    return { differences, events: events.length };
  }

  close(): void {
    this.scratch.close();
  }

  /**
   * Every compared projection's rows of the deal with the checkpoint they stand at, in one
   * read transaction: the runner commits rows and checkpoint together, so they agree.
   */
  private servedRows(dealId: string, streamId: string | undefined): ServedRows[] {
    return this.live.db.transaction(() =>
      this.projections.map((projection): ServedRows => {
        const served = this.live.served(projection.name);
        if (served && served.version !== projection.version) {
          throw new ApplicationError(
            'READ_MODEL.CHECK_UNAVAILABLE',
            `${projection.name} is served from version ${served.version} while this code writes version ${projection.version}: ` +
              'check again once the new version is built and swapped in',
            'unavailable',
            { projection: projection.name, servedVersion: served.version, version: projection.version },
          );
        }
        const live = tableSet(served?.generation ?? 0);
        return {
          projection,
          served,
          tables: (projection.tables ?? []).map((base) => {
            const name = live.name(base);
            return { base, name, key: this.live.keyOf(name), rows: this.live.rowsOfDeal(name, dealId) };
          }),
          quarantined: streamId === undefined ? null : this.live.quarantined(projection.name, live.generation, streamId),
        };
      }),
    )();
  }
}

/**
 * Checks one deal's read-model rows (deal-state: the deal, its parties, commodities,
 * figures and notes; the audit trail: its events, figure entries and notes) against the
 * rows its events give when folded by the same projection code, up to the position the
 * live rows stand at. An empty list: what is served for the deal is what its events say.
 */
export async function checkDealReadModel(store: EventStore, readModels: Database, dealId: string): Promise<ReadModelDifference[]> {
  assertValidId(dealId, 'dealId');
  const checker = new DealReadModelChecker(store, readModels);
  try {
    return (await checker.check(dealId)).differences;
  } finally {
    checker.close();
  }
}

/**
 * A served revision the stream does not have: the rows came from another log (an older
 * or foreign events file, a restored read model) or were written by hand. One difference
 * per projection, naming the row with the highest revision.
 */
function aheadOfLog(dealId: string, { projection, tables }: ServedRows, events: readonly RecordedEvent[]): ReadModelDifference[] {
  const head = events.length > 0 ? events[events.length - 1]!.revision : null;
  let highest: { table: string; key: Row; revision: number } | undefined;
  for (const { base, key, rows } of tables) {
    for (const row of rows) {
      const revision = row['revision'];
      if (typeof revision === 'number' && (!highest || revision > highest.revision)) {
        highest = { table: base, key: Object.fromEntries(key.map((column) => [column, row[column] ?? null])), revision };
      }
    }
  }
  if (!highest || (head !== null && highest.revision <= head)) return [];
  const { table, key, revision } = highest;
  return [{ kind: 'ahead-of-log', dealId, projection: projection.name, table, key, column: 'revision', served: revision, expected: head }];
}

function eventFails(dealId: string, failure: FailedEvent, served: readonly ServedRows[]): ReadModelDifference {
  const quarantined = served.find((s) => s.projection.name === failure.projection)?.quarantined ?? null;
  return {
    kind: 'event-fails',
    dealId,
    projection: failure.projection,
    table: 'projection_quarantine',
    key: { projection: failure.projection, stream_id: failure.event.streamId },
    column: 'position',
    served: quarantined,
    expected: failure.event.position,
    note: failure.error,
  };
}
