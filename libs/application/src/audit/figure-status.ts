import type { FigureChangeKind, FigureStatus } from '#domain';
import type { FigureHistoryEntry } from '#projections';

const STATUS_AFTER: { readonly [C in Exclude<FigureChangeKind, 'stage'>]: FigureStatus } = {
  initial: 'current',
  revision: 'revised',
  disclosure: 'revised',
  correction: 'corrected',
  retraction: 'retracted',
};

/** A figure as it stood at one entry of its history: the entry that reported it, its status, its stage. */
export interface FigureAtEntry {
  /** The last entry up to there that was not a stage: a stage's entry reports the stage, not the value. */
  report: FigureHistoryEntry;
  status: FigureStatus;
  stage: FigureHistoryEntry['stage'];
}

/** The figure at `entry` (entries before it included): a new stage leaves its value, report and status as they were. */
export function figureAt(history: readonly FigureHistoryEntry[], entry: FigureHistoryEntry): FigureAtEntry {
  const upTo = history.slice(0, history.indexOf(entry) + 1);
  const report = upTo.findLast((earlier) => earlier.change !== 'stage') ?? entry;
  return { report, status: report.change === 'stage' ? 'current' : STATUS_AFTER[report.change], stage: entry.stage };
}
