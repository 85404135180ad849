import Database from 'better-sqlite3';
import type { RecordedEvent } from '#event-store';
import { AuditReader, auditProjection, type FigureHistoryEntry } from '#projections';

/**
 * Every figure entry of a deal, computed from its events alone by the audit-trail
 * projection itself, in a private in-memory database: the bundle's history is exactly what
 * GET …/figures/:figureId/history shows, at the events' own positions and times, and does
 * not depend on how far the server's read models have caught up.
 */
export function figureHistoryOfEvents(dealId: string, events: readonly RecordedEvent[]): FigureHistoryEntry[] {
  const db = new Database(':memory:');
  try {
    // Generation 0: the base table names, which AuditReader reads.
    const tables = { generation: 0, name: (base: string) => base };
    auditProjection.setup(db, tables);
    const apply = auditProjection.prepare(db, tables);
    const handles = new Set(auditProjection.handles);
    db.transaction(() => {
      for (const event of events) if (handles.has(event.type)) apply(event);
    })();
    return new AuditReader(db).dealEntries(dealId);
  } finally {
    db.close();
  }
}
