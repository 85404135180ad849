import type { Database } from 'better-sqlite3';
import { tableSet, type TableSet } from '../table-set.js';

export const AUDIT_TABLES = ['audit_deal_events', 'audit_figure_changes', 'audit_notes'] as const;

/**
 * The audit trail's read model: every deal event's place in the record, every entry of
 * every figure (one row per report, revision, correction, retraction), every note. Rows
 * are only ever inserted: the record of the past does not change.
 */
export function createAuditTables(db: Database, tables: TableSet = tableSet(0)): void {
  const t = (base: string) => tables.name(base);
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${t('audit_deal_events')} (
      position INTEGER PRIMARY KEY,
      deal_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      actor TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ${t('audit_deal_events_by_deal')} ON ${t('audit_deal_events')} (deal_id, position);
    CREATE INDEX IF NOT EXISTS ${t('audit_deal_events_by_time')} ON ${t('audit_deal_events')} (recorded_at);
    CREATE TABLE IF NOT EXISTS ${t('audit_figure_changes')} (
      position INTEGER NOT NULL,
      ordinal INTEGER NOT NULL,
      deal_id TEXT NOT NULL,
      figure_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      change TEXT NOT NULL,
      fact TEXT NOT NULL,
      context TEXT NOT NULL,
      value TEXT NOT NULL,
      source TEXT NOT NULL,
      reported_at TEXT NOT NULL,
      effective_at TEXT,
      recorded_at TEXT NOT NULL,
      actor TEXT NOT NULL,
      command_id TEXT NOT NULL,
      reason TEXT,
      changed TEXT NOT NULL,
      previous_value TEXT,
      stage TEXT,
      PRIMARY KEY (position, ordinal)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ${t('audit_figure_changes_by_figure')} ON ${t('audit_figure_changes')} (deal_id, figure_id, position);
    CREATE INDEX IF NOT EXISTS ${t('audit_figure_changes_by_time')} ON ${t('audit_figure_changes')} (recorded_at);
    CREATE INDEX IF NOT EXISTS ${t('audit_figure_changes_by_actor')} ON ${t('audit_figure_changes')} (actor, recorded_at);
    CREATE TABLE IF NOT EXISTS ${t('audit_notes')} (
      position INTEGER PRIMARY KEY,
      deal_id TEXT NOT NULL,
      note_id TEXT NOT NULL,
      text TEXT NOT NULL,
      source TEXT NOT NULL,
      reported_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      actor TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ${t('audit_notes_by_deal')} ON ${t('audit_notes')} (deal_id, position);
  `);
}

export function truncateAuditTables(db: Database, tables: TableSet = tableSet(0)): void {
  for (const table of AUDIT_TABLES) db.exec(`DELETE FROM ${tables.name(table)}`);
}

/** Forgets everything learnt after a position: the rows are keyed by the position that wrote them. */
export function rewindAuditTables(db: Database, tables: TableSet, position: number): void {
  for (const table of AUDIT_TABLES) db.prepare(`DELETE FROM ${tables.name(table)} WHERE position > ?`).run(position);
}
