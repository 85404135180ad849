import type { Database, Statement } from 'better-sqlite3';
import { describeFigureValue, figureLabel, type NameOf, type Stage } from '#domain';
import { keysetPage } from '../keyset-page.js';
import { LiveStatements } from '../live-tables.js';
import type { ReportRow } from '../row-columns.js';
import { dealStateProjection } from './deal-state.projection.js';
import {
  partyNamesOf,
  type DealLinkView,
  type DealListFilter,
  type DealPage,
  type DealRelations,
  type DealSummaryView,
  type DealView,
  type FigureView,
  type NoteView,
} from './deal-state.views.js';

interface DealRow {
  deal_id: string;
  title: string;
  site: string | null;
  commodities: string;
  parties: string;
  source: string;
  reported_at: string;
  revision: number;
  position: number;
  registered_at: string;
  registered_by: string;
  updated_at: string;
  figure_count: number;
}

interface FigureRow extends ReportRow {
  figure_id: string;
  fact: string;
  context: string;
  status: string;
  change: string;
  change_reason: string | null;
  /** Absent from tables written before stages existed (served while the next version is built). */
  stage?: string | null;
  first_recorded_at: string;
  recorded_at: string;
  recorded_by: string;
  last_event_id: string;
  last_position: number;
}

interface NoteRow {
  note_id: string;
  text: string;
  source: string;
  reported_at: string;
  recorded_at: string;
  recorded_by: string;
}

interface LinkRow {
  deal_id: string;
  link_id: string;
  relation: string;
  target_deal_id: string;
  source: string;
  reported_at: string;
  recorded_at: string;
  recorded_by: string;
}

interface RelationStatements {
  partiesJoinedAfter: Statement<[string, number], string>;
  linksOfDeal: Statement<[string, number], LinkRow>;
  linksToDeal: Statement<[string, number], LinkRow>;
}

interface ReaderStatements {
  dealById: Statement<[string], DealRow>;
  figuresOfDeal: Statement<[string], FigureRow>;
  notesOfDeal: Statement<[string], NoteRow>;
  /** Absent on tables written before parties could join later and deals be linked (served while the next version is built). */
  relations?: RelationStatements;
  list: Statement<
    [{ party: string | null; commodity: string | null; title: string | null; after: string; limit: number }],
    DealRow
  >;
}

/**
 * Reads the deal-state tables. Every query is a bound, prepared statement, prepared once
 * per table generation: each call first asks which generation is live (one indexed
 * lookup) and re-prepares after a rebuild's swap. All of a call's queries run in one
 * synchronous stretch on the connection the runner writes through, so a call never
 * straddles a swap or sees a batch half applied.
 */
export class DealStateReader {
  private readonly statements: LiveStatements<ReaderStatements>;

  constructor(private readonly db: Database) {
    this.statements = new LiveStatements(db, dealStateProjection.name, (t) => ({
      dealById: db.prepare(`SELECT * FROM ${t('deal_state_deals')} WHERE deal_id = ?`),
      figuresOfDeal: db.prepare(`SELECT *${this.changeOfOlderRows(t('deal_state_figures'))}
        FROM ${t('deal_state_figures')} WHERE deal_id = ? ORDER BY ordinal`),
      notesOfDeal: db.prepare(`SELECT * FROM ${t('deal_state_notes')} WHERE deal_id = ? ORDER BY recorded_at, note_id`),
      relations: this.relationStatements(t),
      list: db.prepare(`SELECT d.* FROM ${t('deal_state_deals')} d
        WHERE (@party IS NULL OR EXISTS
            (SELECT 1 FROM ${t('deal_state_parties')} p WHERE p.deal_id = d.deal_id AND p.party_id = @party))
          AND (@commodity IS NULL OR EXISTS
            (SELECT 1 FROM ${t('deal_state_commodities')} c WHERE c.deal_id = d.deal_id AND c.commodity = @commodity))
          AND (@title IS NULL OR instr(lower(d.title), lower(@title)) > 0)
          AND d.deal_id > @after
        ORDER BY d.deal_id
        LIMIT @limit`),
    }));
  }

  /**
   * Rows written by version 2 have no `change` column; they are served (frozen) while
   * version 3 is built beside them after an upgrade. Until the swap, their change is
   * told by their status, a disclosure reading as a revision.
   */
  private changeOfOlderRows(figures: string): string {
    const columns = this.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(figures) as string[];
    if (columns.length === 0 || columns.includes('change')) return '';
    return `, CASE status WHEN 'current' THEN 'initial' WHEN 'revised' THEN 'revision'
      WHEN 'corrected' THEN 'correction' ELSE 'retraction' END AS change`;
  }

  private relationStatements(t: (base: string) => string): RelationStatements | undefined {
    const links = t('deal_state_links');
    if (this.db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(links) === undefined) return undefined;
    return {
      partiesJoinedAfter: this.db.prepare<[string, number], string>(`SELECT party_id FROM ${t('deal_state_parties')} WHERE deal_id = ? AND position > ?`).pluck(),
      linksOfDeal: this.db.prepare(`SELECT * FROM ${links} WHERE deal_id = ? AND position <= ? ORDER BY position`),
      linksToDeal: this.db.prepare(`SELECT * FROM ${links} WHERE target_deal_id = ? AND position <= ? ORDER BY position`),
    };
  }

  /** The names the deal gives its parties, by id: what a figure's label says. */
  partyNamesOf(dealId: string): NameOf {
    const row = this.statements.current().dealById.get(dealId);
    return partyNamesOf(row ? (JSON.parse(row.parties) as DealSummaryView['parties']) : []);
  }

  /**
   * The deal now. With `relationsUpTo`, who was in it and how it stood to other deals at that
   * position of the record instead: the parties that had joined by then and the links made by
   * then, by it and to it (the as-of answer's header; its figures and notes come from the trail).
   */
  getDeal(dealId: string, relationsUpTo?: number): DealView | undefined {
    const statements = this.statements.current();
    const row = statements.dealById.get(dealId);
    if (!row) return undefined;
    const summary = toSummary(row);
    const joinedLater = relationsUpTo === undefined ? [] : (statements.relations?.partiesJoinedAfter.all(dealId, relationsUpTo) ?? []);
    const parties = summary.parties.filter((party) => !joinedLater.includes(party.partyId));
    const nameOf = partyNamesOf(parties);
    return {
      ...summary,
      parties,
      source: JSON.parse(row.source),
      reportedAt: row.reported_at,
      registeredBy: row.registered_by,
      figures: statements.figuresOfDeal.all(dealId).map((figure) => toFigureView(figure, nameOf)),
      notes: statements.notesOfDeal.all(dealId).map(toNoteView),
      ...linksAt(statements, dealId, relationsUpTo ?? Number.MAX_SAFE_INTEGER),
    };
  }

  listDeals(filter: DealListFilter): DealPage {
    const rows = this.statements.current().list.all({
      party: filter.party ?? null,
      commodity: filter.commodity?.toLowerCase() ?? null,
      title: filter.title ?? null,
      after: filter.after ?? '',
      limit: filter.limit + 1,
    });
    return keysetPage(rows, filter.limit, toSummary, (deal) => deal.dealId);
  }
}

function toSummary(row: DealRow): DealSummaryView {
  return {
    dealId: row.deal_id,
    title: row.title,
    ...(row.site !== null ? { site: row.site } : {}),
    commodities: JSON.parse(row.commodities),
    parties: JSON.parse(row.parties),
    revision: row.revision,
    position: row.position,
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
    figureCount: row.figure_count,
  };
}

/** The deal-state row of a figure → the one figure shape (the audit trail's converter: deal-as-of.ts). */
function toFigureView(row: FigureRow, nameOf: NameOf): FigureView {
  const value = JSON.parse(row.value);
  const fact = row.fact as FigureView['fact'];
  const context = JSON.parse(row.context);
  return {
    figureId: row.figure_id,
    fact,
    context,
    label: figureLabel(fact, context, nameOf),
    value,
    display: describeFigureValue(value),
    status: row.status as FigureView['status'],
    change: row.change as FigureView['change'],
    ...(row.change_reason !== null ? { reason: row.change_reason } : {}),
    source: JSON.parse(row.source),
    reportedAt: row.reported_at,
    ...(row.effective_at !== null ? { effectiveAt: row.effective_at } : {}),
    ...(row.stage != null ? { stage: row.stage as Stage } : {}),
    firstRecordedAt: row.first_recorded_at,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    eventId: row.last_event_id,
    position: row.last_position,
  };
}

function linksAt({ relations }: ReaderStatements, dealId: string, position: number): Omit<DealRelations, 'parties'> {
  if (relations === undefined) return { links: [], linkedFrom: [] };
  return {
    links: relations.linksOfDeal.all(dealId, position).map((link) => toLinkView(link, link.target_deal_id)),
    linkedFrom: relations.linksToDeal.all(dealId, position).map((link) => toLinkView(link, link.deal_id)),
  };
}

/** A link row seen from one of its two deals: `otherDeal` is the deal at the far end. */
function toLinkView(row: LinkRow, otherDeal: string): DealLinkView {
  return {
    linkId: row.link_id,
    relation: row.relation as DealLinkView['relation'],
    dealId: otherDeal,
    source: JSON.parse(row.source),
    reportedAt: row.reported_at,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

function toNoteView(row: NoteRow): NoteView {
  return {
    noteId: row.note_id,
    text: row.text,
    source: JSON.parse(row.source),
    reportedAt: row.reported_at,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}
