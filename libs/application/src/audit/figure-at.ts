import { VALUE_CHANGES, type FigureChangeKind, type FigureStatus } from '#domain';
import type { FigureHistoryEntry } from '#projections';

const STATUS_AFTER: { readonly [C in Exclude<FigureChangeKind, 'stage'>]: FigureStatus } = {
  initial: 'current',
  revision: 'revised',
  disclosure: 'revised',
  correction: 'corrected',
  retraction: 'retracted',
};

/** A figure as a run of its history entries left it: the entry that reported its value, its status, its stage. */
export interface FigureAtEntry {
  /**
   * The last entry that gave it its value. A retraction's entry and a stage's carry the source
   * that reported them, not a new report of the value: the deal now, the deal as of a moment
   * and a diff all keep the value's own report.
   */
  report: FigureHistoryEntry;
  /** What the last change to its value, or its retraction, left; a stage leaves it as it was. */
  status: FigureStatus;
  /** The last stage a source reported, else the stage its first report gave, if any. */
  stage: FigureHistoryEntry['stage'];
}

/** The figure that a run of its history makes, in record order (the whole run counts). */
export function figureOf(history: readonly FigureHistoryEntry[]): FigureAtEntry {
  const first = history[0]!;
  const report = history.findLast((entry) => VALUE_CHANGES.includes(entry.change)) ?? first;
  const lastChange = (history.findLast((entry) => entry.change !== 'stage') ?? first).change as Exclude<FigureChangeKind, 'stage'>;
  const stage = history.findLast((entry) => entry.change === 'stage')?.stage ?? first.stage;
  return { report, status: STATUS_AFTER[lastChange], stage };
}

/** The figure at one entry of its history, the entries before it included. */
export function figureAt(history: readonly FigureHistoryEntry[], entry: FigureHistoryEntry): FigureAtEntry {
  return figureOf(history.slice(0, history.indexOf(entry) + 1));
}

/** A deal's entries by figure, each figure's in record order. */
export function groupByFigure(entries: readonly FigureHistoryEntry[]): Map<string, FigureHistoryEntry[]> {
  const byFigure = new Map<string, FigureHistoryEntry[]>();
  for (const entry of entries) {
    const history = byFigure.get(entry.figureId);
    if (history) history.push(entry);
    else byFigure.set(entry.figureId, [entry]);
  }
  return byFigure;
}
