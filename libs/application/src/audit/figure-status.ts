import type { FigureChangeKind, FigureStatus } from '#domain';
import type { FigureHistoryEntry } from '#projections';

const STATUS_AFTER: { readonly [C in Exclude<FigureChangeKind, 'stage'>]: FigureStatus } = {
  initial: 'current',
  revision: 'revised',
  disclosure: 'revised',
  correction: 'corrected',
  retraction: 'retracted',
};

/**
 * The status a figure shows at an entry of its history (entries before it included): what
 * the last change to its value, or its retraction, left. A new stage leaves the status as it was.
 */
export function statusAt(history: readonly FigureHistoryEntry[], entry: FigureHistoryEntry): FigureStatus {
  const upTo = history.slice(0, history.indexOf(entry) + 1);
  const last = upTo.findLast((earlier) => earlier.change !== 'stage') ?? entry;
  return last.change === 'stage' ? 'current' : STATUS_AFTER[last.change];
}
