import type { Database } from 'better-sqlite3';
import { tableSet, type TableSet } from '../table-set.js';

export const DEAL_STATE_TABLES = [
  'deal_state_deals',
  'deal_state_parties',
  'deal_state_commodities',
  'deal_state_figures',
  'deal_state_notes',
  'deal_state_links',
] as const;

/**
 * One row per deal, per party (with the position that made it one), per commodity (for
 * filters), per figure, per note and per link to another deal (indexed by the other deal too).
 * Tables and indexes are named through the generation's TableSet, so a rebuild can
 * create a complete second set beside the one readers use.
 */
export function createDealStateTables(db: Database, tables: TableSet = tableSet(0)): void {
  const t = (base: string) => tables.name(base);
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${t('deal_state_deals')} (
      deal_id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      site TEXT,
      commodities TEXT NOT NULL,
      parties TEXT NOT NULL,
      source TEXT NOT NULL,
      reported_at TEXT NOT NULL,
      revision INTEGER NOT NULL,
      position INTEGER NOT NULL,
      registered_at TEXT NOT NULL,
      registered_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      figure_count INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE TABLE IF NOT EXISTS ${t('deal_state_parties')} (
      deal_id TEXT NOT NULL,
      party_id TEXT NOT NULL,
      name TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (deal_id, party_id)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ${t('deal_state_parties_by_party')} ON ${t('deal_state_parties')} (party_id, deal_id);
    CREATE TABLE IF NOT EXISTS ${t('deal_state_commodities')} (
      deal_id TEXT NOT NULL,
      commodity TEXT NOT NULL,
      PRIMARY KEY (deal_id, commodity)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ${t('deal_state_commodities_by_commodity')} ON ${t('deal_state_commodities')} (commodity, deal_id);
    CREATE TABLE IF NOT EXISTS ${t('deal_state_figures')} (
      deal_id TEXT NOT NULL,
      figure_id TEXT NOT NULL,
      ordinal INTEGER NOT NULL,
      fact TEXT NOT NULL,
      context TEXT NOT NULL,
      value TEXT NOT NULL,
      source TEXT NOT NULL,
      reported_at TEXT NOT NULL,
      effective_at TEXT,
      status TEXT NOT NULL,
      change TEXT NOT NULL,
      first_recorded_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      last_event_id TEXT NOT NULL,
      last_position INTEGER NOT NULL,
      change_reason TEXT,
      stage TEXT,
      PRIMARY KEY (deal_id, figure_id)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS ${t('deal_state_notes')} (
      deal_id TEXT NOT NULL,
      note_id TEXT NOT NULL,
      text TEXT NOT NULL,
      source TEXT NOT NULL,
      reported_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      PRIMARY KEY (deal_id, note_id)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS ${t('deal_state_links')} (
      deal_id TEXT NOT NULL,
      link_id TEXT NOT NULL,
      relation TEXT NOT NULL,
      target_deal_id TEXT NOT NULL,
      source TEXT NOT NULL,
      reported_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (deal_id, link_id)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ${t('deal_state_links_by_target')} ON ${t('deal_state_links')} (target_deal_id, position);
  `);
}

export function truncateDealStateTables(db: Database, tables: TableSet = tableSet(0)): void {
  for (const table of DEAL_STATE_TABLES) db.exec(`DELETE FROM ${tables.name(table)}`);
}
