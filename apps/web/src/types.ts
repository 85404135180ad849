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

/** A figure of the deal now (`GET /deals/:id`). */
export interface CurrentFigure {
  figureId: string;
  fact: string;
  context: Record<string, unknown>;
  value: FigureValue;
  display: string;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  status: FigureStatus;
  reason?: string;
  recordedAt: string;
  recordedBy: string;
  lastPosition: string;
}

/** One entry of a figure's history; also a figure of an as-of answer (with its status). */
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
  status?: FigureStatus;
}

export interface Note {
  noteId: string;
  text: string;
  source: Source;
  reportedAt: string;
  recordedAt: string;
  recordedBy: string;
}

interface DealHeader {
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
  notes: Note[];
}

export interface CurrentDeal extends DealHeader {
  position: string;
  updatedAt: string;
  figures: CurrentFigure[];
}

export interface DealAsOf extends DealHeader {
  asOf: { knownAt?: string; position: string; validAt?: string };
  figures: (HistoryEntry & { status: FigureStatus })[];
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
