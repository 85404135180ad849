import type { Database } from 'better-sqlite3';
import {
  DEAL_EVENT_TYPES,
  changeKindOf,
  changedFields,
  dealIdFromStreamName,
  figuresIntroducedBy,
  fromStoredEvent,
  type DealEvent,
  type FigureEntry,
  type Stage,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Projection } from '../projection.js';
import { json, noteColumns, reportColumns } from '../row-columns.js';
import { tableSet, type TableSet } from '../table-set.js';
import { AUDIT_TABLES, createAuditTables, rewindAuditTables, truncateAuditTables } from './audit.schema.js';

interface LatestEntry {
  value: string;
  source: string;
  reported_at: string;
  effective_at: string | null;
  fact: string;
  context: string;
  stage: string | null;
}

/** The audit trail: each figure's every entry, in record order, with what changed and why. */
export const auditProjection: Projection = {
  name: 'audit-trail',
  // 2: the real-deals model's versions (….v2): entries name them, a stake's context says its basis.
  version: 2,
  handles: DEAL_EVENT_TYPES,
  tables: AUDIT_TABLES,
  setup: createAuditTables,
  truncate: truncateAuditTables,
  rewind: rewindAuditTables,
  prepare(db: Database, tables: TableSet = tableSet(0)) {
    const t = (base: string) => tables.name(base);
    const insertEvent = db.prepare(`INSERT INTO ${t('audit_deal_events')} (position, deal_id, revision, event_id, type, recorded_at, actor)
      VALUES (@position, @dealId, @revision, @eventId, @type, @recordedAt, @actor)`);
    const insertChange = db.prepare(`INSERT INTO ${t('audit_figure_changes')}
      (position, ordinal, deal_id, figure_id, revision, event_id, event_type, change, fact, context, value, source,
       reported_at, effective_at, recorded_at, actor, command_id, reason, changed, previous_value, stage)
      VALUES (@position, @ordinal, @dealId, @figureId, @revision, @eventId, @type, @change, @fact, @context, @value, @source,
       @reportedAt, @effectiveAt, @recordedAt, @actor, @commandId, @reason, @changed, @previousValue, @stage)`);
    const latestEntry = db.prepare<[string, string], LatestEntry>(`SELECT value, source, reported_at, effective_at, fact, context, stage
      FROM ${t('audit_figure_changes')} WHERE deal_id = ? AND figure_id = ? ORDER BY position DESC, ordinal DESC LIMIT 1`);
    const insertNote = db.prepare(`INSERT INTO ${t('audit_notes')} (position, deal_id, note_id, text, source, reported_at, recorded_at, actor)
      VALUES (@position, @dealId, @noteId, @text, @source, @reportedAt, @recordedAt, @actor)`);

    return (recorded: RecordedEvent) => {
      const dealId = dealIdFromStreamName(recorded.streamId);
      const event = fromStoredEvent(recorded.type, recorded.data);
      if (dealId === undefined || event === undefined) return;
      const at = {
        position: recorded.position,
        dealId,
        revision: recorded.revision,
        eventId: recorded.eventId,
        type: recorded.type,
        recordedAt: recorded.recordedAt,
        actor: recorded.metadata.actor,
        commandId: recorded.metadata.commandId,
      };
      insertEvent.run(at);
      let ordinal = 0;
      const change = (figureId: string, reported: FigureEntry, extra: { fact?: string; context?: unknown; reason?: string }) => {
        const previous = latestEntry.get(dealId, figureId);
        const previousEntry = previous && entryOf(previous);
        // A figure keeps its stage through revisions and corrections until a source reports another.
        const stage = reported.stage ?? previousEntry?.stage;
        const entry = { ...reported, ...(stage !== undefined && { stage }) };
        insertChange.run({
          ...at,
          ordinal: ordinal++,
          figureId,
          change: changeKindOf(event.type, previousEntry?.value, entry.value),
          fact: extra.fact ?? previous?.fact ?? 'metric',
          context: extra.context !== undefined ? json(extra.context) : (previous?.context ?? '{}'),
          ...reportColumns(entry),
          reason: extra.reason ?? null,
          changed: json(
            event.type === 'ReportRetracted.v1' ? ['status'] : previousEntry ? changedFields(previousEntry, entry) : [],
          ),
          previousValue: previous ? previous.value : null,
          stage: stage ?? null,
        });
      };
      record(event, change, (figureId) => latestEntry.get(dealId, figureId));
      if (event.type === 'NoteRecorded.v1') {
        insertNote.run({ ...at, ...noteColumns(event.data) });
      }
    };
  },
};

type Change = (figureId: string, entry: FigureEntry, extra: { fact?: string; context?: unknown; reason?: string }) => void;

function record(event: DealEvent, change: Change, latest: (figureId: string) => LatestEntry | undefined): void {
  for (const { report, fact, context } of figuresIntroducedBy(event)) change(report.figureId, report, { fact, context });
  switch (event.type) {
    case 'FigureRevised.v2':
    case 'FigureCorrected.v2': {
      const { figureId, reason, ...entry } = event.data;
      change(figureId, entry, reason !== undefined ? { reason } : {});
      return;
    }
    case 'ReportRetracted.v1': {
      // A retraction keeps the withdrawn value on its row, so the history reads "retracted: was …".
      const previous = latest(event.data.figureId);
      if (!previous) return;
      const entry = entryOf(previous);
      change(event.data.figureId, {
        ...entry,
        ...(event.data.source ? { source: event.data.source } : {}),
        ...(event.data.reportedAt ? { reportedAt: event.data.reportedAt } : {}),
      }, { reason: event.data.reason });
      return;
    }
    case 'FigureStageReported.v1': {
      // The value stands; the entry is the stage's report: who said so, and when.
      const previous = latest(event.data.figureId);
      if (!previous) return;
      const { figureId, ...stageReport } = event.data;
      change(figureId, { value: entryOf(previous).value, ...stageReport }, {});
      return;
    }
    default:
      return;
  }
}

function entryOf(row: LatestEntry): FigureEntry {
  return {
    value: JSON.parse(row.value),
    source: JSON.parse(row.source),
    reportedAt: row.reported_at,
    ...(row.effective_at !== null ? { effectiveAt: row.effective_at } : {}),
    ...(row.stage !== null ? { stage: row.stage as Stage } : {}),
  };
}
