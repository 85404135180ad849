import type { Database, Statement } from 'better-sqlite3';
import { describeFigureValue, type Stage } from '#domain';
import { LiveStatements } from '../live-tables.js';
import type { ReportRow } from '../row-columns.js';
import { auditProjection } from './audit.projection.js';
import type { AuditChangeFilter, AuditChangePage, AuditNote, DealEventAt, FigureHistoryEntry } from './audit.views.js';

interface ChangeRow extends ReportRow {
  position: number;
  deal_id: string;
  figure_id: string;
  revision: number;
  event_id: string;
  event_type: string;
  change: string;
  fact: string;
  context: string;
  recorded_at: string;
  actor: string;
  command_id: string;
  reason: string | null;
  changed: string;
  previous_value: string | null;
  /** Absent from tables written before stages existed (served while the next version is built). */
  stage?: string | null;
}

interface NoteRow {
  position: number;
  note_id: string;
  text: string;
  source: string;
  reported_at: string;
  recorded_at: string;
  actor: string;
}

const MAX_POSITION = Number.MAX_SAFE_INTEGER;

interface ReaderStatements {
  history: Statement<[string, string, number], ChangeRow>;
  entriesOfDeal: Statement<[string, number], ChangeRow>;
  notesOfDeal: Statement<[string, number], NoteRow>;
  lastDealEvent: Statement<[string, number], DealEventAt>;
  positionAtTime: Statement<[string], { position: number | null }>;
  changeQuery: Statement<[Record<string, unknown>], ChangeRow>;
}

/**
 * Reads the audit trail tables; every query is prepared once per table generation and
 * bound, never interpolated. Each call first asks which generation is live, so a
 * rebuild's swap is picked up at the next call (see DealStateReader).
 */
export class AuditReader {
  private readonly statements: LiveStatements<ReaderStatements>;

  constructor(db: Database) {
    this.statements = new LiveStatements(db, auditProjection.name, (t) => ({
      history: db.prepare(`SELECT * FROM ${t('audit_figure_changes')}
        WHERE deal_id = ? AND figure_id = ? AND position <= ? ORDER BY position, ordinal`),
      entriesOfDeal: db.prepare(`SELECT * FROM ${t('audit_figure_changes')}
        WHERE deal_id = ? AND position <= ? ORDER BY position, ordinal`),
      notesOfDeal: db.prepare(`SELECT * FROM ${t('audit_notes')} WHERE deal_id = ? AND position <= ? ORDER BY position`),
      lastDealEvent: db.prepare(`SELECT position, revision, recorded_at AS recordedAt FROM ${t('audit_deal_events')}
        WHERE deal_id = ? AND position <= ? ORDER BY position DESC LIMIT 1`),
      positionAtTime: db.prepare(`SELECT MAX(position) AS position FROM ${t('audit_deal_events')} WHERE recorded_at <= ?`),
      changeQuery: db.prepare(`SELECT * FROM ${t('audit_figure_changes')}
        WHERE (@dealId IS NULL OR deal_id = @dealId)
          AND (@changes IS NULL OR change IN (SELECT value FROM json_each(@changes)))
          AND (@actor IS NULL OR actor = @actor)
          AND (@recordedFrom IS NULL OR recorded_at >= @recordedFrom)
          AND (@recordedTo IS NULL OR recorded_at < @recordedTo)
          AND (@qualifierChanged = 0 OR EXISTS (SELECT 1 FROM json_each(changed) WHERE value = 'qualifier'))
          AND (@lateDays IS NULL OR
               julianday(recorded_at) - julianday(COALESCE(effective_at, reported_at)) > @lateDays)
          AND position > @after
        ORDER BY position, ordinal
        LIMIT @limit`),
    }));
  }

  /** Every entry of one figure in record order, up to a position (default: all). */
  figureHistory(dealId: string, figureId: string, upTo = MAX_POSITION): FigureHistoryEntry[] {
    return this.statements.current().history.all(dealId, figureId, upTo).map(toEntry);
  }

  /** Every figure entry of a deal up to a position, in record order. */
  dealEntries(dealId: string, upTo = MAX_POSITION): FigureHistoryEntry[] {
    return this.statements.current().entriesOfDeal.all(dealId, upTo).map(toEntry);
  }

  dealNotes(dealId: string, upTo = MAX_POSITION): AuditNote[] {
    return this.statements.current().notesOfDeal.all(dealId, upTo).map((row) => ({
      noteId: row.note_id,
      text: row.text,
      source: JSON.parse(row.source),
      reportedAt: row.reported_at,
      recordedAt: row.recorded_at,
      recordedBy: row.actor,
      position: row.position,
    }));
  }

  /** The deal's last event at or before a position: its revision then, or undefined if not yet on record. */
  dealAt(dealId: string, upTo = MAX_POSITION): DealEventAt | undefined {
    return this.statements.current().lastDealEvent.get(dealId, upTo);
  }

  /** The position of the last deal event recorded at or before an instant (0 when none). */
  positionAt(isoInstant: string): number {
    return this.statements.current().positionAtTime.get(isoInstant)?.position ?? 0;
  }

  changes(filter: AuditChangeFilter): AuditChangePage {
    const rows = this.statements.current().changeQuery.all({
      dealId: filter.dealId ?? null,
      changes: filter.changes ? JSON.stringify(filter.changes) : null,
      actor: filter.actor ?? null,
      recordedFrom: filter.recordedFrom ?? null,
      recordedTo: filter.recordedTo ?? null,
      qualifierChanged: filter.qualifierChanged ? 1 : 0,
      lateDays: filter.recordedLaterThanDays ?? null,
      after: filter.afterPosition ?? 0,
      limit: filter.limit + 1,
    });
    const items = rows.slice(0, filter.limit).map(toEntry);
    return rows.length > filter.limit ? { items, next: items[items.length - 1]!.position } : { items };
  }
}

function toEntry(row: ChangeRow): FigureHistoryEntry {
  const value = JSON.parse(row.value);
  return {
    dealId: row.deal_id,
    figureId: row.figure_id,
    fact: row.fact as FigureHistoryEntry['fact'],
    context: JSON.parse(row.context),
    change: row.change as FigureHistoryEntry['change'],
    value,
    display: describeFigureValue(value),
    changed: JSON.parse(row.changed),
    ...(row.previous_value !== null ? { previousValue: JSON.parse(row.previous_value) } : {}),
    source: JSON.parse(row.source),
    reportedAt: row.reported_at,
    ...(row.effective_at !== null ? { effectiveAt: row.effective_at } : {}),
    ...(row.stage != null ? { stage: row.stage as Stage } : {}),
    recordedAt: row.recorded_at,
    recordedBy: row.actor,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    eventId: row.event_id,
    eventType: row.event_type,
    commandId: row.command_id,
    revision: row.revision,
    position: row.position,
  };
}
