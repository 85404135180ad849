import { entryInEffectAt, type FigureStatus } from '#domain';
import type { AuditNote, DealSummaryView, FigureHistoryEntry } from '#projections';
import { statusAfter } from './figure-status.js';

export interface AsOfFigure extends FigureHistoryEntry {
  status: FigureStatus;
}

export interface DealAsOfView extends Omit<DealSummaryView, 'updatedAt' | 'figureCount' | 'position' | 'revision'> {
  asOf: {
    /** The instant asked for, when the question was asked by time. */
    knownAt?: string;
    /** The position the answer was computed at: ask again with it to get the same answer. */
    position: number;
    validAt?: string;
  };
  /** The deal's revision as it stood at that position. */
  revision: number;
  figures: AsOfFigure[];
  notes: AuditNote[];
}

/**
 * A deal as the record stood at a position (transaction time), optionally narrowed to
 * the values in effect at `validAt` (valid time). Figures not in effect then are left out.
 */
export function dealAsOf(
  header: DealSummaryView,
  entries: readonly FigureHistoryEntry[],
  notes: readonly AuditNote[],
  at: { position: number; revision: number; knownAt?: string; validAt?: string },
): DealAsOfView {
  const byFigure = new Map<string, FigureHistoryEntry[]>();
  for (const entry of entries) byFigure.set(entry.figureId, [...(byFigure.get(entry.figureId) ?? []), entry]);

  const figures: AsOfFigure[] = [];
  for (const history of byFigure.values()) {
    const chosen = at.validAt === undefined ? history[history.length - 1] : entryInEffectAt(history, at.validAt);
    if (chosen) figures.push({ ...chosen, status: statusAfter(chosen.change) });
  }
  const { updatedAt: _u, figureCount: _f, position: _p, revision: _r, ...deal } = header;
  return {
    ...deal,
    asOf: {
      ...(at.knownAt !== undefined ? { knownAt: at.knownAt } : {}),
      position: at.position,
      ...(at.validAt !== undefined ? { validAt: at.validAt } : {}),
    },
    revision: at.revision,
    figures,
    notes: [...notes],
  };
}
