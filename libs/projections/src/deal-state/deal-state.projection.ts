import type { Database } from 'better-sqlite3';
import {
  DEAL_EVENT_TYPES,
  changeKindOf,
  dealIdFromStreamName,
  figuresIntroducedBy,
  fromStoredEvent,
  type DealEvent,
  type FigureValue,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Projection } from '../projection.js';
import { json, noteColumns, reportColumns } from '../row-columns.js';
import { tableSet, type TableSet } from '../table-set.js';
import { DEAL_STATE_TABLES, createDealStateTables, truncateDealStateTables } from './deal-state.schema.js';

/** Where and by whom an event was recorded: the columns every row it writes carries. */
interface RecordedAt {
  dealId: string;
  revision: number;
  position: number;
  recordedAt: string;
  actor: string;
  eventId: string;
}

/** The current state of every deal: what `GET /deals` and `GET /deals/:dealId` serve. */
export const dealStateProjection: Projection = {
  name: 'deal-state',
  // 2: an offtake's term is a figure row of its own (OfftakeSigned.v3, upcast from v1).
  // 3: each figure keeps the kind of its last change (`change`), as the audit trail does.
  // 4: the real-deals model's versions (….v2): a stake's context says its basis and condition.
  // 5: parties that join a deal later (each party row keeps the position that made it one), links between deals.
  version: 5,
  handles: DEAL_EVENT_TYPES,
  tables: DEAL_STATE_TABLES,
  setup: createDealStateTables,
  truncate: truncateDealStateTables,
  prepare(db: Database, tables: TableSet = tableSet(0)) {
    const deals = tables.name('deal_state_deals');
    const figures = tables.name('deal_state_figures');
    const insertDeal = db.prepare(`INSERT INTO ${deals}
      (deal_id, title, site, commodities, parties, source, reported_at, revision, position, registered_at, registered_by, updated_at)
      VALUES (@dealId, @title, @site, @commodities, @parties, @source, @reportedAt, @revision, @position, @recordedAt, @actor, @recordedAt)`);
    const insertParty = db.prepare(`INSERT INTO ${tables.name('deal_state_parties')} (deal_id, party_id, name, position) VALUES (?, ?, ?, ?)`);
    const appendParty = db.prepare(`UPDATE ${deals} SET parties = json_insert(parties, '$[#]', json(?)) WHERE deal_id = ?`);
    const insertLink = db.prepare(`INSERT INTO ${tables.name('deal_state_links')}
      (deal_id, link_id, relation, target_deal_id, source, reported_at, recorded_at, recorded_by, position)
      VALUES (@dealId, @linkId, @relation, @targetDealId, @source, @reportedAt, @recordedAt, @actor, @position)`);
    const insertCommodity = db.prepare(
      `INSERT OR IGNORE INTO ${tables.name('deal_state_commodities')} (deal_id, commodity) VALUES (?, ?)`,
    );
    const touchDeal = db.prepare(`UPDATE ${deals}
      SET revision = @revision, position = @position, updated_at = @recordedAt, figure_count = figure_count + @newFigures
      WHERE deal_id = @dealId RETURNING figure_count AS figureCount`);
    const insertFigure = db.prepare(`INSERT INTO ${figures}
      (deal_id, figure_id, ordinal, fact, context, value, source, reported_at, effective_at, status, change,
       first_recorded_at, recorded_at, recorded_by, last_event_id, last_position, stage)
      VALUES (@dealId, @figureId, @ordinal, @fact, @context, @value, @source, @reportedAt, @effectiveAt, 'current', 'initial',
       @recordedAt, @recordedAt, @actor, @eventId, @position, @stage)`);
    const valueOfFigure = db.prepare<[string, string], string>(`SELECT value FROM ${figures} WHERE deal_id = ? AND figure_id = ?`).pluck();
    const changeFigure = db.prepare(`UPDATE ${figures}
      SET value = @value, source = @source, reported_at = @reportedAt, effective_at = @effectiveAt, status = @status,
          change = @change, recorded_at = @recordedAt, recorded_by = @actor, last_event_id = @eventId, last_position = @position,
          change_reason = @reason
      WHERE deal_id = @dealId AND figure_id = @figureId`);
    const retractFigure = db.prepare(`UPDATE ${figures}
      SET status = 'retracted', change = 'retraction', recorded_at = @recordedAt, recorded_by = @actor, last_event_id = @eventId,
          last_position = @position, change_reason = @reason
      WHERE deal_id = @dealId AND figure_id = @figureId`);
    // The value and its report stand; the figure's last change is the stage.
    const stageFigure = db.prepare(`UPDATE ${figures}
      SET stage = @stage, change = 'stage', recorded_at = @recordedAt, recorded_by = @actor, last_event_id = @eventId,
          last_position = @position, change_reason = NULL
      WHERE deal_id = @dealId AND figure_id = @figureId`);
    const insertNote = db.prepare(`INSERT INTO ${tables.name('deal_state_notes')}
      (deal_id, note_id, text, source, reported_at, recorded_at, recorded_by)
      VALUES (@dealId, @noteId, @text, @source, @reportedAt, @recordedAt, @actor)`);

    return (recorded: RecordedEvent) => {
      const dealId = dealIdFromStreamName(recorded.streamId);
      const event = fromStoredEvent(recorded.type, recorded.data);
      if (dealId === undefined || event === undefined) return;
      const at: RecordedAt = {
        dealId,
        revision: recorded.revision,
        position: recorded.position,
        recordedAt: recorded.recordedAt,
        actor: recorded.metadata.actor,
        eventId: recorded.eventId,
      };

      if (event.type === 'DealRegistered.v2') {
        registerDeal(event.data, at);
        return;
      }
      const introduced = figuresIntroducedBy(event);
      const touched = touchDeal.get({ ...at, newFigures: introduced.length }) as { figureCount: number } | undefined;
      if (!touched) return; // Events of a deal never registered: nothing to show.
      let ordinal = touched.figureCount - introduced.length;
      for (const { report, fact, context } of introduced) {
        insertFigure.run({
          ...at,
          figureId: report.figureId,
          ordinal: ++ordinal,
          fact,
          context: json(context),
          ...reportColumns(report),
          stage: report.stage ?? null,
        });
      }
      applyChange(event, at);
    };

    function registerDeal(data: Extract<DealEvent, { type: 'DealRegistered.v2' }>['data'], at: RecordedAt) {
      insertDeal.run({
        ...at,
        title: data.title,
        site: data.site ?? null,
        commodities: json(data.commodities),
        parties: json(data.parties),
        source: json(data.source),
        reportedAt: data.reportedAt,
      });
      for (const party of data.parties) insertParty.run(at.dealId, party.partyId, party.name, at.position);
      for (const commodity of data.commodities) insertCommodity.run(at.dealId, commodity.toLowerCase());
    }

    function applyChange(event: DealEvent, at: RecordedAt) {
      switch (event.type) {
        case 'FigureRevised.v2':
        case 'FigureCorrected.v2': {
          // The same rule as the audit trail's: a revision of an undisclosed value is a disclosure.
          const previous = valueOfFigure.get(at.dealId, event.data.figureId);
          if (previous === undefined) return;
          changeFigure.run({
            ...at,
            figureId: event.data.figureId,
            ...reportColumns(event.data),
            status: event.type === 'FigureRevised.v2' ? 'revised' : 'corrected',
            change: changeKindOf(event.type, JSON.parse(previous) as FigureValue, event.data.value),
            reason: event.data.reason ?? null,
          });
          return;
        }
        case 'ReportRetracted.v1':
          retractFigure.run({ ...at, figureId: event.data.figureId, reason: event.data.reason });
          return;
        case 'FigureStageReported.v1':
          stageFigure.run({ ...at, figureId: event.data.figureId, stage: event.data.stage });
          return;
        case 'NoteRecorded.v1':
          insertNote.run({ ...at, ...noteColumns(event.data) });
          return;
        case 'PartyJoinedDeal.v1': {
          const { party } = event.data;
          insertParty.run(at.dealId, party.partyId, party.name, at.position);
          appendParty.run(json(party), at.dealId);
          return;
        }
        case 'DealLinked.v1': {
          const { linkId, relation, targetDealId, source, reportedAt } = event.data;
          insertLink.run({ ...at, linkId, relation, targetDealId, source: json(source), reportedAt });
          return;
        }
        default:
          return;
      }
    }
  },
};
