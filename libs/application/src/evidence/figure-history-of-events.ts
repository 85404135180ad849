import type { RecordedEvent } from '#event-store';
import { AuditReader, auditProjection, type FigureHistoryEntry } from '#projections';
import { ScratchFold } from '../read-model-check/scratch-fold.js';

/**
 * Every figure entry of a deal, computed from its events alone by the audit-trail
 * projection itself, in a private in-memory database: the bundle's history is exactly what
 * GET …/figures/:figureId/history shows, at the events' own positions and times, and does
 * not depend on how far the server's read models have caught up.
 */
export function figureHistoryOfEvents(dealId: string, events: readonly RecordedEvent[]): FigureHistoryEntry[] {
  const scratch = new ScratchFold([auditProjection]);
  try {
    const [failed] = scratch.fold(events, new Map([[auditProjection.name, Number.POSITIVE_INFINITY]]));
    // A history with an event left out would be a false one: no bundle rather than that.
    if (failed) throw new Error(`The audit trail cannot apply ${failed.event.streamId}@${failed.event.revision}: ${failed.error}`);
    return new AuditReader(scratch.db).dealEntries(dealId);
  } finally {
    scratch.close();
  }
}
