import { changedFields, type FigureField, type FigureStatus } from '#domain';
import type { AuditNote, FigureHistoryEntry } from '#projections';
import { statusAfter } from './figure-status.js';

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
    figures.push({
      figureId,
      fact: after.fact,
      kind: before ? 'changed' : 'added',
      ...(before ? { statusBefore: statusAfter(before.change), displayBefore: before.display } : {}),
      statusAfter: statusAfter(after.change),
      displayAfter: after.display,
      changes: before ? fieldChanges(before, after) : [],
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

function fieldChanges(before: FigureHistoryEntry, after: FigureHistoryEntry): FieldChange[] {
  const changes: FieldChange[] = changedFields(before, after).map((field) => ({
    field,
    before: fieldOf(before, field),
    after: fieldOf(after, field),
  }));
  if (statusAfter(before.change) !== statusAfter(after.change)) {
    changes.push({ field: 'status', before: statusAfter(before.change), after: statusAfter(after.change) });
  }
  return changes;
}

function fieldOf(entry: FigureHistoryEntry, field: FigureField): unknown {
  const { value } = entry;
  switch (field) {
    case 'measure':
      return value.measure.kind;
    case 'currency':
      return value.measure.kind === 'money' ? value.measure.currency : undefined;
    case 'unit':
      return value.measure.kind === 'quantity' ? value.measure.unit : undefined;
    case 'per':
      return value.measure.kind === 'quantity' ? value.measure.per : undefined;
    case 'source':
      return entry.source;
    case 'reportedAt':
      return entry.reportedAt;
    case 'effectiveAt':
      return entry.effectiveAt;
    case 'status':
      return statusAfter(entry.change);
    default:
      return value[field];
  }
}
