import type { Database, Statement } from 'better-sqlite3';
import { describeFigureValue } from '#domain';
import type { DealListFilter, DealPage, DealSummaryView, DealView, FigureView, NoteView } from './deal-state.views.js';

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

interface FigureRow {
  figure_id: string;
  fact: string;
  context: string;
  value: string;
  source: string;
  reported_at: string;
  effective_at: string | null;
  status: string;
  change_reason: string | null;
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

/** Reads the deal-state tables. Every query is a bound, prepared statement. */
export class DealStateReader {
  private readonly dealById: Statement<[string], DealRow>;
  private readonly figuresOfDeal: Statement<[string], FigureRow>;
  private readonly notesOfDeal: Statement<[string], NoteRow>;
  private readonly listStatement: Statement<
    [{ party: string | null; commodity: string | null; after: string; limit: number }],
    DealRow
  >;

  constructor(db: Database) {
    this.dealById = db.prepare('SELECT * FROM deal_state_deals WHERE deal_id = ?');
    this.figuresOfDeal = db.prepare('SELECT * FROM deal_state_figures WHERE deal_id = ? ORDER BY ordinal');
    this.notesOfDeal = db.prepare('SELECT * FROM deal_state_notes WHERE deal_id = ? ORDER BY recorded_at, note_id');
    this.listStatement = db.prepare(`SELECT d.* FROM deal_state_deals d
      WHERE (@party IS NULL OR EXISTS (SELECT 1 FROM deal_state_parties p WHERE p.deal_id = d.deal_id AND p.party_id = @party))
        AND (@commodity IS NULL OR EXISTS
          (SELECT 1 FROM deal_state_commodities c WHERE c.deal_id = d.deal_id AND c.commodity = @commodity))
        AND d.deal_id > @after
      ORDER BY d.deal_id
      LIMIT @limit`);
  }

  getDeal(dealId: string): DealView | undefined {
    const row = this.dealById.get(dealId);
    if (!row) return undefined;
    return {
      ...toSummary(row),
      source: JSON.parse(row.source),
      reportedAt: row.reported_at,
      registeredBy: row.registered_by,
      figures: this.figuresOfDeal.all(dealId).map(toFigureView),
      notes: this.notesOfDeal.all(dealId).map(toNoteView),
    };
  }

  listDeals(filter: DealListFilter): DealPage {
    const rows = this.listStatement.all({
      party: filter.party ?? null,
      commodity: filter.commodity?.toLowerCase() ?? null,
      after: filter.after ?? '',
      limit: filter.limit + 1,
    });
    const items = rows.slice(0, filter.limit).map(toSummary);
    return rows.length > filter.limit ? { items, next: items[items.length - 1]!.dealId } : { items };
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

function toFigureView(row: FigureRow): FigureView {
  const value = JSON.parse(row.value);
  return {
    figureId: row.figure_id,
    fact: row.fact as FigureView['fact'],
    context: JSON.parse(row.context),
    value,
    display: describeFigureValue(value),
    source: JSON.parse(row.source),
    reportedAt: row.reported_at,
    ...(row.effective_at !== null ? { effectiveAt: row.effective_at } : {}),
    status: row.status as FigureView['status'],
    ...(row.change_reason !== null ? { reason: row.change_reason } : {}),
    firstRecordedAt: row.first_recorded_at,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    lastEventId: row.last_event_id,
    lastPosition: row.last_position,
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
