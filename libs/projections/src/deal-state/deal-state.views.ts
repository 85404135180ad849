import type { FigureFact, FigureStatus, FigureValue, Party, Source } from '#domain';

/** What readers get for one figure: its current value and how it got there. */
export interface FigureView {
  figureId: string;
  fact: FigureFact;
  context: Record<string, unknown>;
  value: FigureValue;
  /** The value in words, as the source put it: "up to EUR 110,000,000". */
  display: string;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  status: FigureStatus;
  /** Why the last revision, correction or retraction was made. */
  reason?: string;
  firstRecordedAt: string;
  recordedAt: string;
  recordedBy: string;
  lastEventId: string;
  lastPosition: number;
}

export interface NoteView {
  noteId: string;
  text: string;
  source: Source;
  reportedAt: string;
  recordedAt: string;
  recordedBy: string;
}

export interface DealSummaryView {
  dealId: string;
  title: string;
  site?: string;
  commodities: string[];
  parties: Party[];
  revision: number;
  position: number;
  registeredAt: string;
  updatedAt: string;
  figureCount: number;
}

export interface DealView extends DealSummaryView {
  source: Source;
  reportedAt: string;
  registeredBy: string;
  figures: FigureView[];
  notes: NoteView[];
}

export interface DealListFilter {
  party?: string;
  commodity?: string;
  /** Deals whose title contains this text (case-insensitive for ASCII letters). */
  title?: string;
  /** Exclusive: deals whose id sorts after this one (keyset pagination). */
  after?: string;
  limit: number;
}

export interface DealPage {
  items: DealSummaryView[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: string;
}
