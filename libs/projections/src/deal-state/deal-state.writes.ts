import type { Database } from 'better-sqlite3';
import type { DealEvent, IntroducedFigure, NoteRecordedV1, Party } from '#domain';
import { json, noteColumns, reportColumns } from '../row-columns.js';
import type { TableSet } from '../table-set.js';
import type { RecordedAt } from './deal-rows.js';

type DataOf<T extends DealEvent['type']> = Extract<DealEvent, { type: T }>['data'];
type ChangedReport = DataOf<'FigureRevised.v2'> | DataOf<'FigureCorrected.v2'>;

/**
 * The deal-state projection's statements but the deal row's bookkeeping (`deal-rows.ts`),
 * each behind a function that names what it writes. Parameters are positional: binding
 * an object by name costs better-sqlite3 a property lookup per column, and the object a
 * spread per row — measured at two to three times the statement itself during a rebuild.
 */
export function prepareDealStateWrites(db: Database, tables: TableSet) {
  const deals = tables.name('deal_state_deals');
  const figures = tables.name('deal_state_figures');
  const insertDeal = db.prepare(`INSERT INTO ${deals}
    (deal_id, title, site, commodities, parties, source, reported_at, revision, position, registered_at, registered_by, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertParty = db.prepare(`INSERT INTO ${tables.name('deal_state_parties')} (deal_id, party_id, name, position) VALUES (?, ?, ?, ?)`);
  const appendParty = db.prepare(`UPDATE ${deals} SET parties = json_insert(parties, '$[#]', json(?)) WHERE deal_id = ?`);
  const insertLink = db.prepare(`INSERT INTO ${tables.name('deal_state_links')}
    (deal_id, link_id, relation, target_deal_id, source, reported_at, recorded_at, recorded_by, position)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertCommodity = db.prepare(`INSERT OR IGNORE INTO ${tables.name('deal_state_commodities')} (deal_id, commodity) VALUES (?, ?)`);
  const insertFigure = db.prepare(`INSERT INTO ${figures}
    (deal_id, figure_id, ordinal, fact, context, value, source, reported_at, effective_at, status, change,
     first_recorded_at, recorded_at, recorded_by, last_event_id, last_position, stage)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', 'initial', ?, ?, ?, ?, ?, ?)`);
  const valueOfFigure = db.prepare<[string, string], string>(`SELECT value FROM ${figures} WHERE deal_id = ? AND figure_id = ?`).pluck();
  const changeFigure = db.prepare(`UPDATE ${figures}
    SET value = ?, source = ?, reported_at = ?, effective_at = ?, status = ?,
        change = ?, recorded_at = ?, recorded_by = ?, last_event_id = ?, last_position = ?, change_reason = ?
    WHERE deal_id = ? AND figure_id = ?`);
  const retractFigure = db.prepare(`UPDATE ${figures}
    SET status = 'retracted', change = 'retraction', recorded_at = ?, recorded_by = ?, last_event_id = ?, last_position = ?, change_reason = ?
    WHERE deal_id = ? AND figure_id = ?`);
  // The value and its report stand; the figure's last change is the stage.
  const stageFigure = db.prepare(`UPDATE ${figures}
    SET stage = ?, change = 'stage', recorded_at = ?, recorded_by = ?, last_event_id = ?, last_position = ?, change_reason = NULL
    WHERE deal_id = ? AND figure_id = ?`);
  const insertNote = db.prepare(`INSERT INTO ${tables.name('deal_state_notes')}
    (deal_id, note_id, text, source, reported_at, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)`);

  return {
    insertDeal(at: RecordedAt, data: DataOf<'DealRegistered.v2'>): void {
      insertDeal.run(
        at.dealId,
        data.title,
        data.site ?? null,
        json(data.commodities),
        json(data.parties),
        json(data.source),
        data.reportedAt,
        at.revision,
        at.position,
        at.recordedAt,
        at.actor,
        at.recordedAt,
      );
    },
    insertParty(at: RecordedAt, party: Party): void {
      insertParty.run(at.dealId, party.partyId, party.name, at.position);
    },
    /** A party that joined later goes to the end of the deal row's list, as SQLite's JSON functions write it. */
    appendParty(dealId: string, party: Party): void {
      appendParty.run(json(party), dealId);
    },
    insertCommodity(dealId: string, commodity: string): void {
      insertCommodity.run(dealId, commodity.toLowerCase());
    },
    insertLink(at: RecordedAt, link: DataOf<'DealLinked.v1'>): void {
      insertLink.run(at.dealId, link.linkId, link.relation, link.targetDealId, json(link.source), link.reportedAt, at.recordedAt, at.actor, at.position);
    },
    insertFigure(at: RecordedAt, { report, fact, context }: IntroducedFigure, ordinal: number): void {
      const { value, source, reportedAt, effectiveAt } = reportColumns(report);
      insertFigure.run(
        at.dealId,
        report.figureId,
        ordinal,
        fact,
        json(context),
        value,
        source,
        reportedAt,
        effectiveAt,
        at.recordedAt,
        at.recordedAt,
        at.actor,
        at.eventId,
        at.position,
        report.stage ?? null,
      );
    },
    /** The figure's current value as stored (JSON), or undefined when the deal has no such figure. */
    valueOfFigure(dealId: string, figureId: string): string | undefined {
      return valueOfFigure.get(dealId, figureId);
    },
    changeFigure(at: RecordedAt, data: ChangedReport, status: 'revised' | 'corrected', change: string): void {
      const { value, source, reportedAt, effectiveAt } = reportColumns(data);
      changeFigure.run(
        value,
        source,
        reportedAt,
        effectiveAt,
        status,
        change,
        at.recordedAt,
        at.actor,
        at.eventId,
        at.position,
        data.reason ?? null,
        at.dealId,
        data.figureId,
      );
    },
    retractFigure(at: RecordedAt, { figureId, reason }: DataOf<'ReportRetracted.v1'>): void {
      retractFigure.run(at.recordedAt, at.actor, at.eventId, at.position, reason, at.dealId, figureId);
    },
    stageFigure(at: RecordedAt, { figureId, stage }: DataOf<'FigureStageReported.v1'>): void {
      stageFigure.run(stage, at.recordedAt, at.actor, at.eventId, at.position, at.dealId, figureId);
    },
    insertNote(at: RecordedAt, note: NoteRecordedV1): void {
      const { noteId, text, source, reportedAt } = noteColumns(note);
      insertNote.run(at.dealId, noteId, text, source, reportedAt, at.recordedAt, at.actor);
    },
  };
}

export type DealStateWrites = ReturnType<typeof prepareDealStateWrites>;
