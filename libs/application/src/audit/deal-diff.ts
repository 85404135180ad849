import { changedFields, currencyOfValue, perOfValue, unitOfValue, type FigureField, type FigureStatus } from '#domain';
import type { AuditNote, FigureHistoryEntry } from '#projections';
import { statusAt } from './figure-status.js';

export interface FieldChange {
  field: FigureField;
  before: unknown;
  after: unknown;
}

export interface FigureDiff {
  figureId: string;
  fact: string;
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
): DealDiff {
  const byFigure = new Map<string, FigureHistoryEntry[]>();
  for (const entry of entries) byFigure.set(entry.figureId, [...(byFigure.get(entry.figureId) ?? []), entry]);

  const figures: FigureDiff[] = [];
  for (const [figureId, history] of byFigure) {
    const causes = history.filter((e) => e.position > from && e.position <= to);
    if (causes.length === 0) continue;
    const before = lastAtOrBefore(history, from);
    const after = lastAtOrBefore(history, to)!;
    const statusBefore = before && statusAt(history, before);
    const statusAfter = statusAt(history, after);
    figures.push({
      figureId,
      fact: after.fact,
      kind: before ? 'changed' : 'added',
      ...(before ? { statusBefore, displayBefore: before.display } : {}),
      statusAfter,
      displayAfter: after.display,
      changes: before ? fieldChanges({ ...before, status: statusBefore! }, { ...after, status: statusAfter }) : [],
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

/** An entry with the status the figure showed at it. */
type EntryWithStatus = FigureHistoryEntry & { status: FigureStatus };

function fieldChanges(before: EntryWithStatus, after: EntryWithStatus): FieldChange[] {
  const changes: FieldChange[] = changedFields(before, after).map((field) => ({
    field,
    before: fieldOf(before, field),
    after: fieldOf(after, field),
  }));
  if (before.status !== after.status) changes.push({ field: 'status', before: before.status, after: after.status });
  return changes;
}

function fieldOf(entry: EntryWithStatus, field: FigureField): unknown {
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
      return entry.status;
    case 'stage':
      return entry.stage;
    default:
      return value[field];
  }
}
