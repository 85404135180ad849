import type { FigureChangeKind, FigureStatus } from '#domain';

/** The status a figure shows after an entry of a given kind. */
export function statusAfter(change: FigureChangeKind): FigureStatus {
  switch (change) {
    case 'initial':
      return 'current';
    case 'revision':
    case 'disclosure':
      return 'revised';
    case 'correction':
      return 'corrected';
    case 'retraction':
      return 'retracted';
  }
}
