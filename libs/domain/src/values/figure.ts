/**
 * A figure is what a source reported, never what the ledger "knows": a value, how exact
 * the source said it was, who said it, and when. Amounts are decimal strings (never JS
 * floats) so that EUR 110,000,000.10 survives every hop unchanged.
 */

/** How exact the source said the figure was. `undisclosed` and `withheld` are values, not nulls. */
export const QUALIFIERS = ['exact', 'up_to', 'at_least', 'more_than', 'about', 'range', 'undisclosed', 'withheld'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** Qualifiers that carry one amount. */
export const POINT_QUALIFIERS: readonly Qualifier[] = ['exact', 'up_to', 'at_least', 'more_than', 'about'];
/** Qualifiers that carry no value at all: the source did not (or would not) say. */
export const UNDISCLOSED_QUALIFIERS: readonly Qualifier[] = ['undisclosed', 'withheld'];

export const MEASURE_KINDS = ['money', 'percentage', 'quantity', 'text'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export type Measure =
  | { kind: 'money'; currency: string }
  | { kind: 'percentage' }
  /** `per` is the period a rate applies to ("year" for 1,000 t per year). */
  | { kind: 'quantity'; unit: string; per?: string }
  /** Facts reported in words only (a timeframe, a term): exact, about, undisclosed or withheld. */
  | { kind: 'text' };

/** An exchange rate as the source printed it: 1 `base` = `value` `quote` (USD 1 = EUR 0.9188). */
export interface ExchangeRate {
  base: string;
  quote: string;
  value: string;
}

/** The same amount in another currency, converted by whoever the source says, at the rate it gave. */
export interface Conversion {
  currency: string;
  amount: string;
  rate: ExchangeRate;
  /** Who converted: "publisher" when the outlet converted, or the party's name. */
  convertedBy?: string;
}

export interface FigureValue {
  measure: Measure;
  qualifier: Qualifier;
  /** With a point qualifier: the decimal amount (a percentage is 0–100). */
  amount?: string;
  /** With `range`: the bounds, min ≤ max. */
  min?: string;
  max?: string;
  /** With the `text` measure: the words reported. */
  text?: string;
  /** Money only: the same amount in other currencies, each with its rate as reported. */
  conversions?: Conversion[];
  /** Free words from the source, e.g. "declined to comment". */
  note?: string;
}

export const SOURCE_TIERS = ['primary', 'secondary'] as const;
export type SourceTier = (typeof SOURCE_TIERS)[number];

/** Where a figure came from. A secondary source names the outlet that cited it in `citedBy`. */
export interface Source {
  publisher: string;
  title?: string;
  url?: string;
  publishedAt?: string;
  /** Who, within the publication, said it: "a JOGMEC official". */
  attribution?: string;
  tier: SourceTier;
  citedBy?: string;
}

/** One figure as first reported. `figureId` is stable: revisions, corrections and retractions name it. */
export interface FigureReport {
  figureId: string;
  value: FigureValue;
  source: Source;
  /** When the source reported it. */
  reportedAt: string;
  /** When the figure applies in the world, if the source says. */
  effectiveAt?: string;
}
