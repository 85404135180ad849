/**
 * A figure is what a source reported, never what the ledger "knows": a value, how exact
 * the source said it was, who said it, and when. Amounts are decimal strings (never JS
 * floats) so that EUR 110,000,000.10 survives every hop unchanged.
 */

/**
 * How exact the source said the figure was. `undisclosed` and `withheld` are values, not nulls.
 * The lists named `…_V1` are frozen: they are what the events written before the real-deals
 * model could hold, and the published `….v1` schemas are built from them.
 */
export const QUALIFIERS_V1 = ['exact', 'up_to', 'at_least', 'more_than', 'about', 'range', 'undisclosed', 'withheld'] as const;
export type QualifierV1 = (typeof QUALIFIERS_V1)[number];
export const QUALIFIERS = ['exact', 'up_to', 'at_most', 'at_least', 'more_than', 'about', 'range', 'undisclosed', 'withheld'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** Qualifiers that carry one amount. */
export const POINT_QUALIFIERS: readonly Qualifier[] = ['exact', 'up_to', 'at_most', 'at_least', 'more_than', 'about'];
/** Qualifiers that carry no value at all: the source did not (or would not) say. */
export const UNDISCLOSED_QUALIFIERS: readonly Qualifier[] = ['undisclosed', 'withheld'];

/** How a range's lower bound was reported ("more than EUR 80M"); unset: the bound itself. */
export const RANGE_MIN_QUALIFIERS = ['at_least', 'more_than', 'about'] as const;
export type RangeMinQualifier = (typeof RANGE_MIN_QUALIFIERS)[number];
/** How a range's upper bound was reported ("up to EUR 100M"); unset: the bound itself. */
export const RANGE_MAX_QUALIFIERS = ['at_most', 'up_to', 'about'] as const;
export type RangeMaxQualifier = (typeof RANGE_MAX_QUALIFIERS)[number];

export const MEASURE_KINDS_V1 = ['money', 'percentage', 'quantity', 'text'] as const;
export const MEASURE_KINDS = ['money', 'percentage', 'quantity', 'unit_price', 'count', 'duration', 'date', 'text'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const DURATION_UNITS = ['year', 'month', 'week', 'day'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const DATE_PRECISIONS = ['year', 'quarter', 'month', 'day'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export type Measure =
  | { kind: 'money'; currency: string }
  | { kind: 'percentage' }
  /**
   * `unit` from the unit table (units.ts) on new writes; `per` is the period a rate applies
   * to ("year" for 1,000 t per year). Stored v1 figures may hold any unit text.
   */
  | { kind: 'quantity'; unit: string; per?: string }
  /** Money per quantity unit: EUR 60 per kg is `{ currency: 'EUR', unit: 'kg' }` with amount "60". */
  | { kind: 'unit_price'; currency: string; unit: string }
  /** A number of things: shares, warrants ("of" names them). */
  | { kind: 'count'; of?: string }
  /** A length of time as a decimal number of `unit`s: a term of 7 years (P7Y) is amount "7", unit "year". */
  | { kind: 'duration'; unit: DurationUnit }
  /** A date as precise as the source gave it: the amount is "2027", "2027-Q3", "2027-09" or "2027-09-15". */
  | { kind: 'date'; precision: DatePrecision }
  /** Facts reported in words only (a timeframe, a term): exact, about, undisclosed or withheld. */
  | { kind: 'text' };

/** The measures the events written before the real-deals model could hold. */
export type MeasureV1 = Extract<Measure, { kind: (typeof MEASURE_KINDS_V1)[number] }>;

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

/** A value as the events written before the real-deals model hold it (frozen). */
export interface FigureValueV1 {
  measure: MeasureV1;
  qualifier: QualifierV1;
  /** With a point qualifier: the decimal amount (a percentage is 0–100); with the date measure, the date. */
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

/** Who estimated a value the source did not report as such: never confused with a reported value. */
export interface Estimate {
  /** The estimator: an analyst, a firm, "publisher". */
  by: string;
  /** How it was estimated, in words. */
  basis?: string;
}

export interface FigureValue extends Omit<FigureValueV1, 'measure' | 'qualifier'> {
  measure: Measure;
  qualifier: Qualifier;
  /** With `range`: how each bound was reported ("more than 80 and up to 100"). */
  minQualifier?: RangeMinQualifier;
  maxQualifier?: RangeMaxQualifier;
  /** Set when the value is an estimate rather than what a source reported. */
  estimate?: Estimate;
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

/**
 * Where an agreement or a facility stands, as reported. Not the record status (current,
 * revised, corrected, retracted), which says what happened to the report.
 */
export const AGREEMENT_STAGES = ['announced', 'committed', 'signed', 'closed', 'drawn', 'cancelled', 'lapsed'] as const;
export const FACILITY_STAGES = ['planned', 'under_construction', 'operating', 'cancelled'] as const;
export const STAGES = [...AGREEMENT_STAGES, 'planned', 'under_construction', 'operating'] as const;
export type Stage = (typeof STAGES)[number];
/** Which stages a figure takes: an agreement's (announced … drawn) or a facility's (planned … operating). */
export type StageKind = 'agreement' | 'facility';

/** One figure as first reported, as the events written before the real-deals model hold it (frozen). */
export interface FigureReportV1 {
  figureId: string;
  value: FigureValueV1;
  source: Source;
  /** When the source reported it. */
  reportedAt: string;
  /** When the figure applies in the world, if the source says. */
  effectiveAt?: string;
}

/** One figure as first reported. `figureId` is stable: revisions, corrections and retractions name it. */
export interface FigureReport extends Omit<FigureReportV1, 'value'> {
  value: FigureValue;
  /** Where the agreement or facility stood when reported, if the source says. */
  stage?: Stage;
}
