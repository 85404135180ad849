import { entryInEffectAt, figureLabel, type NameOf } from '#domain';
import { partyNamesOf, type AuditNote, type DealEventAt, type DealView, type FigureHistoryEntry, type FigureView, type NoteView } from '#projections';
import { figureOf, groupByFigure } from './figure-at.js';

/** The moment an as-of answer was computed at. */
export interface AsOfPoint {
  /** The instant asked for, when the question was asked by time. */
  knownAt?: string;
  /** The position the answer was computed at: ask again with it to get the same answer. */
  position: number;
  validAt?: string;
}

/** The deal as on record at a moment: the same shape as the deal now, plus the moment. */
export interface DealAsOfView extends DealView {
  asOf: AsOfPoint;
}

/**
 * A deal as the record stood at a position (transaction time), optionally narrowed to
 * the values in effect at `validAt` (valid time). Figures not in effect then are left out.
 * `header` is the deal now (what registration said never changes) with its parties and links
 * as they stood at the position (DealStateReader.getDeal); `lastEvent` is the
 * deal's last event at the position, which gives its revision, position and time then.
 */
export function dealAsOf(
  header: DealView,
  entries: readonly FigureHistoryEntry[],
  notes: readonly AuditNote[],
  at: { lastEvent: DealEventAt; asOf: AsOfPoint },
): DealAsOfView {
  const byFigure = groupByFigure(entries);
  const nameOf = partyNamesOf(header.parties);
  const figures: FigureView[] = [];
  for (const history of byFigure.values()) {
    const inEffect = at.asOf.validAt === undefined ? history : historyInEffectAt(history, at.asOf.validAt);
    if (inEffect.length > 0) figures.push(figureViewOfHistory(inEffect, nameOf));
  }
  return {
    ...header,
    revision: at.lastEvent.revision,
    position: at.lastEvent.position,
    updatedAt: at.lastEvent.recordedAt,
    figureCount: byFigure.size,
    figures,
    notes: notes.map(noteViewOf).sort(inRecordOrder),
    asOf: at.asOf,
  };
}

/**
 * The entries that made the figure what it was in the world at `validAt`: its value's entries
 * up to the one then in effect, and the stages reached by then, whenever they were recorded
 * (sources report stages late). Empty when nothing was in effect.
 */
function historyInEffectAt(history: readonly FigureHistoryEntry[], validAt: string): FigureHistoryEntry[] {
  const chosen = entryInEffectAt(history, validAt);
  if (chosen === undefined) return [];
  const upTo = history.indexOf(chosen);
  const reached = (entry: FigureHistoryEntry) => Date.parse(entry.effectiveAt ?? entry.reportedAt) <= Date.parse(validAt);
  return history.filter((entry, index) => (entry.change === 'stage' ? reached(entry) : index <= upTo));
}

/**
 * A figure's history, up to the entry it stands at → the one figure shape (the deal-state
 * read model's converter: deal-state.reader.ts): its value's report, status and stage as the
 * run left them (figureOf), its last change as the last entry.
 */
function figureViewOfHistory(history: readonly FigureHistoryEntry[], nameOf: NameOf): FigureView {
  const first = history[0]!;
  const last = history[history.length - 1]!;
  const { report, status, stage } = figureOf(history);
  return {
    figureId: last.figureId,
    fact: last.fact,
    context: last.context,
    label: figureLabel(last.fact, last.context, nameOf),
    value: report.value,
    display: report.display,
    status,
    change: last.change,
    ...(last.reason !== undefined ? { reason: last.reason } : {}),
    source: report.source,
    reportedAt: report.reportedAt,
    ...(report.effectiveAt !== undefined ? { effectiveAt: report.effectiveAt } : {}),
    ...(stage !== undefined ? { stage } : {}),
    firstRecordedAt: first.recordedAt,
    recordedAt: last.recordedAt,
    recordedBy: last.recordedBy,
    eventId: last.eventId,
    position: last.position,
  };
}

function noteViewOf({ position: _position, ...note }: AuditNote): NoteView {
  return note;
}

/** The deal-state read model's order for notes: by record time, then id. */
function inRecordOrder(a: NoteView, b: NoteView): number {
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  return a.noteId < b.noteId ? -1 : a.noteId > b.noteId ? 1 : 0;
}
