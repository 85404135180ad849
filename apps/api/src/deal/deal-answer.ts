import type { AsOfPoint, DealAsOfView } from '#application';
import type { DealView, FigureView } from '#projections';
import { toCursor } from '#contract';

/** A figure as HTTP shows it: its position is an opaque cursor. */
export type FigureAnswer = Omit<FigureView, 'position'> & { position: string };

/** The deal as HTTP shows it, now or as of a moment (then with `asOf`): one shape for both. */
export type DealAnswer = Omit<DealView, 'position' | 'figures'> & {
  position: string;
  figures: FigureAnswer[];
  asOf?: Omit<AsOfPoint, 'position'> & { position: string };
};

/** The one converter of `GET /deals/:dealId` answers: positions leave as cursors, nothing else changes. */
export function dealAnswer(deal: DealView | DealAsOfView): DealAnswer {
  const { asOf, ...now } = deal as DealView & Partial<DealAsOfView>;
  return {
    ...now,
    position: toCursor(deal.position),
    figures: deal.figures.map((figure) => ({ ...figure, position: toCursor(figure.position) })),
    ...(asOf ? { asOf: { ...asOf, position: toCursor(asOf.position) } } : {}),
  };
}
