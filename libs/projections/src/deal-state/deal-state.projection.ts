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
import { tableSet, type TableSet } from '../table-set.js';
import { DealRows, type RecordedAt } from './deal-rows.js';
import { DEAL_STATE_TABLES, createDealStateTables, truncateDealStateTables } from './deal-state.schema.js';
import { prepareDealStateWrites } from './deal-state.writes.js';

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
    const dealRows = new DealRows(db, tables);
    const writes = prepareDealStateWrites(db, tables);

    const apply = (recorded: RecordedEvent) => {
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
      const figuresBefore = dealRows.touch(at, introduced.length);
      if (figuresBefore === undefined) return; // Events of a deal never registered: nothing to show.
      let ordinal = figuresBefore;
      for (const figure of introduced) writes.insertFigure(at, figure, ++ordinal);
      applyChange(event, at);
    };
    // The runner's fast path writes each deal's row once per batch (see DealRows).
    return Object.assign(apply, { batch: dealRows });

    function registerDeal(data: Extract<DealEvent, { type: 'DealRegistered.v2' }>['data'], at: RecordedAt) {
      writes.insertDeal(at, data);
      dealRows.registered(at);
      for (const party of data.parties) writes.insertParty(at, party);
      for (const commodity of data.commodities) writes.insertCommodity(at.dealId, commodity);
    }

    function applyChange(event: DealEvent, at: RecordedAt) {
      switch (event.type) {
        case 'FigureRevised.v2':
        case 'FigureCorrected.v2': {
          // The same rule as the audit trail's: a revision of an undisclosed value is a disclosure.
          const previous = writes.valueOfFigure(at.dealId, event.data.figureId);
          if (previous === undefined) return;
          const status = event.type === 'FigureRevised.v2' ? 'revised' : 'corrected';
          writes.changeFigure(at, event.data, status, changeKindOf(event.type, JSON.parse(previous) as FigureValue, event.data.value));
          return;
        }
        case 'ReportRetracted.v1':
          writes.retractFigure(at, event.data);
          return;
        case 'FigureStageReported.v1':
          writes.stageFigure(at, event.data);
          return;
        case 'NoteRecorded.v1':
          writes.insertNote(at, event.data);
          return;
        case 'PartyJoinedDeal.v1':
          writes.insertParty(at, event.data.party);
          writes.appendParty(at.dealId, event.data.party);
          return;
        case 'DealLinked.v1':
          writes.insertLink(at, event.data);
          return;
        default:
          return;
      }
    }
  },
};
