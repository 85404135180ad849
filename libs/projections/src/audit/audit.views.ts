import type { FigureChangeKind, FigureFact, FigureField, FigureValue, Source, Stage } from '#domain';
import type { NoteView } from '../deal-state/deal-state.views.js';

/** One entry of a figure's record: a value it had, who recorded it, from which source, and why. */
export interface FigureHistoryEntry {
  dealId: string;
  figureId: string;
  fact: FigureFact;
  context: Record<string, unknown>;
  change: FigureChangeKind;
  value: FigureValue;
  /** The value in words: "up to EUR 110,000,000". */
  display: string;
  /** What differs from the previous entry (empty for the first). */
  changed: FigureField[];
  previousValue?: FigureValue;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  /** Where the agreement or facility stood after this entry, when a source had said. */
  stage?: Stage;
  recordedAt: string;
  recordedBy: string;
  reason?: string;
  eventId: string;
  eventType: string;
  commandId: string;
  revision: number;
  position: number;
}

/** One event of a deal's stream, by its place in the log. */
export interface DealEventAt {
  position: number;
  revision: number;
  recordedAt: string;
}

/** A note as on record: the deal's note, and where in the log it was recorded. */
export interface AuditNote extends NoteView {
  position: number;
}

export interface AuditChangeFilter {
  dealId?: string;
  changes?: FigureChangeKind[];
  actor?: string;
  /** Recorded in [recordedFrom, recordedTo). */
  recordedFrom?: string;
  recordedTo?: string;
  /** Only entries whose qualifier differs from the previous entry. */
  qualifierChanged?: boolean;
  /** Only entries recorded more than this many days after the moment they describe. */
  recordedLaterThanDays?: number;
  /** Keyset pagination on position. */
  afterPosition?: number;
  limit: number;
}

export interface AuditChangePage {
  items: FigureHistoryEntry[];
  next?: number;
}
