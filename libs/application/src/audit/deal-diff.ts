import { changedFields, currencyOfValue, figureLabel, perOfValue, unitOfValue, type FigureField, type FigureStatus, type NameOf } from '#domain';
import type { AuditNote, FigureHistoryEntry } from '#projections';
import { figureAt, groupByFigure, type FigureAtEntry } from './figure-at.js';

export interface FieldChange {
  field: FigureField;
  before: unknown;
  after: unknown;
}

export interface FigureDiff {
  figureId: string;
  fact: string;
  /** What the figure is, in words (see FigureView.label). */
  label: string;
  kind: 'added' | 'changed';
  statusBefore?: FigureStatus;
  statusAfter: FigureStatus;
  displayBefore?: string;
  displayAfter: string;
  changes: FieldChange[];
  /** The entries recorded between the two moments, each with its event: the causes. */
  causes: FigureHistoryEntry[];
}

export interface DealDiff {
  dealId: string;
  from: number;
  to: number;
  figures: FigureDiff[];
  notesAdded: AuditNote[];
}

/** Field-level differences of a deal's record between two positions, each labelled with its causes. */
export function diffDeal(
  dealId: string,
  entries: readonly FigureHistoryEntry[],
  notes: readonly AuditNote[],
  from: number,
  to: number,
  nameOf: NameOf,
): DealDiff {
  const byFigure = groupByFigure(entries);

  const figures: FigureDiff[] = [];
  for (const [figureId, history] of byFigure) {
    const causes = history.filter((e) => e.position > from && e.position <= to);
    if (causes.length === 0) continue;
    const before = lastAtOrBefore(history, from);
    const after = lastAtOrBefore(history, to)!;
    const then = before && figureAt(history, before);
    const now = figureAt(history, after);
    figures.push({
      figureId,
      fact: after.fact,
      label: figureLabel(after.fact, after.context, nameOf),
      kind: then ? 'changed' : 'added',
      ...(then ? { statusBefore: then.status, displayBefore: then.report.display } : {}),
      statusAfter: now.status,
      displayAfter: now.report.display,
      changes: then ? fieldChanges(then, now) : [],
      causes,
    });
  }
  return { dealId, from, to, figures, notesAdded: notes.filter((n) => n.position > from && n.position <= to) };
}

function lastAtOrBefore(history: readonly FigureHistoryEntry[], position: number): FigureHistoryEntry | undefined {
  let found: FigureHistoryEntry | undefined;
  for (const entry of history) if (entry.position <= position) found = entry;
  return found;
}

/** Its value's report and its stage, field by field; then its status. */
function fieldChanges(before: FigureAtEntry, after: FigureAtEntry): FieldChange[] {
  const compared = (figure: FigureAtEntry) => ({ ...figure.report, stage: figure.stage });
  const changes: FieldChange[] = changedFields(compared(before), compared(after)).map((field) => ({
    field,
    before: fieldOf(before, field),
    after: fieldOf(after, field),
  }));
  if (before.status !== after.status) changes.push({ field: 'status', before: before.status, after: after.status });
  return changes;
}

function fieldOf(figure: FigureAtEntry, field: FigureField): unknown {
  const entry = figure.report;
  const { value } = entry;
  switch (field) {
    case 'measure':
      return value.measure.kind;
    case 'currency':
      return currencyOfValue(value);
    case 'unit':
      return unitOfValue(value);
    case 'per':
      return perOfValue(value);
    case 'source':
      return entry.source;
    case 'reportedAt':
      return entry.reportedAt;
    case 'effectiveAt':
      return entry.effectiveAt;
    case 'status':
      return figure.status;
    case 'stage':
      return figure.stage;
    default:
      return value[field];
  }
}
