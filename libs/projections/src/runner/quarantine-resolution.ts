import type { Database } from 'better-sqlite3';
import { describeFailure, type EventStore, type RecordedEvent } from '#event-store';
import type { QuarantineRecord, QuarantineTable } from '../bookkeeping/quarantine-table.js';
import type { SkipTable } from '../bookkeeping/skip-table.js';
import { retryFailed } from '../projection.errors.js';
import { isInfrastructureFailure } from './apply-failure.js';
import type { ProjectionSlot } from './projection-slot.js';

export type Resolution = { kind: 'retry' } | { kind: 'skip'; skippedBy: string; reason: string };

export interface ResolutionContext {
  store: EventStore;
  db: Database;
  quarantine: QuarantineTable;
  skips: SkipTable;
  now: () => Date;
  slotOf(generation: number): ProjectionSlot | undefined;
  notFound(): Error;
  frozen(): Error;
}

export interface Resolved {
  outcome: 'resolved' | 'moved';
  /** Events applied: the retried one and those that waited behind it. */
  applied: number;
}

/** Attempts before giving up on a slot that keeps moving while the stream is read. */
const MAX_READS = 5;

/**
 * Retries or skips a quarantined event, then applies the events of its stream that
 * waited behind it (those at or below the slot's checkpoint; later ones arrive through
 * the feed once the stream is free). All of it is one transaction: a failure of the
 * retried event only counts the attempt; a failure further on moves the quarantine to
 * that event, keeping what was applied before it.
 */
export async function resolveQuarantine(context: ResolutionContext, id: number, resolution: Resolution): Promise<Resolved> {
  for (let read = 1; ; read++) {
    const record = context.quarantine.byId(id);
    const slot = record && context.slotOf(record.generation);
    if (!record || !slot) throw context.notFound();
    if (slot.frozen) throw context.frozen();
    const head = await context.store.headPosition();
    const events = await context.store.readStream(record.streamId, { fromRevision: record.revision });
    // Batches ran during the reads: go on only if nothing moved that the reads would miss.
    const now = context.quarantine.byId(id);
    const unchanged = now?.position === record.position && context.slotOf(record.generation) === slot;
    if (unchanged && slot.position <= head) return resolveNow(context, slot, record, events, resolution);
    if (read === MAX_READS) throw new Error(`Quarantined event ${id} kept moving; try again`);
  }
}

function resolveNow(
  context: ResolutionContext,
  slot: ProjectionSlot,
  record: QuarantineRecord,
  events: RecordedEvent[],
  resolution: Resolution,
): Resolved {
  const [first, ...later] = events;
  if (!first || first.eventId !== record.eventId) {
    throw new Error(`${record.streamId} holds no event ${record.eventId} at revision ${record.revision}`);
  }
  const behind = later.filter((e) => e.position <= slot.position && slot.handles.has(e.type) && !slot.skipped.has(e.position));
  const at = context.now();
  let failure: string | undefined;
  let result: Resolved = { outcome: 'resolved', applied: 0 };
  const applyOrQuarantine = (event: RecordedEvent): boolean => {
    try {
      slot.applyIsolated(event);
      return true;
    } catch (error) {
      if (isInfrastructureFailure(error)) throw error;
      failure = describeFailure(error);
      return false;
    }
  };

  context.db.transaction(() => {
    if (resolution.kind === 'skip') {
      context.skips.add({
        projection: slot.name,
        version: slot.version,
        position: first.position,
        eventId: first.eventId,
        streamId: first.streamId,
        reason: resolution.reason,
        skippedBy: resolution.skippedBy,
        skippedAt: at.toISOString(),
      });
    } else if (!applyOrQuarantine(first)) {
      context.quarantine.recordAttempt(record.id, failure!, at);
      return;
    } else {
      result.applied++;
    }
    for (const event of behind) {
      if (!applyOrQuarantine(event)) {
        context.quarantine.moveTo(record.id, event, failure!, at);
        result = { ...result, outcome: 'moved' };
        return;
      }
      result.applied++;
    }
    context.quarantine.delete(record.id);
  })();

  if (resolution.kind === 'retry' && result.applied === 0) throw retryFailed(slot.name, record.id, failure!);
  if (resolution.kind === 'skip') slot.skipped.add(first.position);
  if (result.outcome === 'resolved') slot.quarantined.delete(record.streamId);
  return result;
}
