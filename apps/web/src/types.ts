/** The shapes this page reads from the ledger's HTTP API (only the fields it uses). */
import type { SourceLike } from './format.js';

export type Source = SourceLike;

export interface Party {
  partyId: string;
  name: string;
  kind: string;
  roles: string[];
  country?: string;
}

export interface FigureValue {
  measure: { kind: string; currency?: string; unit?: string; per?: string };
  qualifier: string;
  amount?: string;
  min?: string;
  max?: string;
  text?: string;
  conversions?: { currency: string; amount: string; rate: { base: string; quote: string; value: string }; convertedBy?: string }[];
  note?: string;
}

export type FigureStatus = 'current' | 'revised' | 'corrected' | 'retracted';

/**
 * A figure of a deal (`GET /deals/:id`, now or with `knownAt`/`validAt`: one shape for both).
 * `source`, `reportedAt` and `effectiveAt` are the report the value comes from (for a
 * retracted figure, the report withdrawn); `recordedAt`, `recordedBy`, `eventId` and
 * `position` are those of its last change, whose kind is `change`.
 */
export interface Figure {
  figureId: string;
  fact: string;
  context: Record<string, unknown>;
  value: FigureValue;
  display: string;
  status: FigureStatus;
  change: string;
  reason?: string;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  firstRecordedAt: string;
  recordedAt: string;
  recordedBy: string;
  eventId: string;
  position: string;
}

/** One entry of a figure's history (`GET …/figures/:figureId/history`), and a cause in a diff. */
export interface HistoryEntry {
  figureId: string;
  fact: string;
  context: Record<string, unknown>;
  change: string;
  value: FigureValue;
  display: string;
  changed: string[];
  previousValue?: FigureValue;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  recordedAt: string;
  recordedBy: string;
  reason?: string;
  eventId: string;
  eventType: string;
  revision: number;
  position: string;
}

export interface Note {
  noteId: string;
  text: string;
  source: Source;
  reportedAt: string;
  recordedAt: string;
  recordedBy: string;
}

/** A deal now, or as on record at a moment (then with `asOf`): the same shape. */
export interface Deal {
  dealId: string;
  title: string;
  site?: string;
  commodities: string[];
  parties: Party[];
  source: Source;
  reportedAt: string;
  registeredBy: string;
  registeredAt: string;
  revision: number;
  position: string;
  updatedAt: string;
  figureCount: number;
  figures: Figure[];
  notes: Note[];
  asOf?: { knownAt?: string; position: string; validAt?: string };
}

export interface DealSummary {
  dealId: string;
  title: string;
  site?: string;
  commodities: string[];
  parties: Party[];
  revision: number;
  updatedAt: string;
  figureCount: number;
}

export interface DealPage {
  items: DealSummary[];
  next?: string;
}

export interface StoredEvent {
  eventId: string;
  revision: number;
  position: string;
  type: string;
  recordedAt: string;
  metadata: { actor?: string; commandId?: string };
  data: Record<string, unknown>;
}

export interface EventPage {
  events: StoredEvent[];
  nextRevision?: number;
}

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

export interface FigureDiff {
  figureId: string;
  fact: string;
  kind: string;
  statusBefore?: string;
  displayBefore?: string;
  statusAfter?: string;
  displayAfter?: string;
  changes: FieldChange[];
  causes: HistoryEntry[];
}

export interface DealDiff {
  dealId: string;
  from: string;
  to: string;
  figures: FigureDiff[];
  notesAdded: (Note & { position: string })[];
}

/** The error body every failing route answers with. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}
