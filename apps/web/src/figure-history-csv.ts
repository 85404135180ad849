import { toCsv } from './csv.js';
import { sourceInWords } from './format.js';

/** What a history entry gives the CSV (the API's HistoryEntryAnswer, read loosely). */
export interface HistoryCsvEntry {
  position: string;
  revision: number;
  eventType: string;
  eventId: string;
  change: string;
  display: string;
  status?: string;
  reason?: string;
  reportedAt: string;
  effectiveAt?: string;
  recordedAt: string;
  recordedBy: string;
  source: { publisher: string; title?: string; url?: string; tier: string; attribution?: string; publishedAt?: string; citedBy?: string };
}

export const HISTORY_CSV_HEADER = [
  'deal', 'figure', 'figure label', 'change', 'value as reported', 'why', 'reported on', 'in effect from',
  'recorded at (UTC)', 'recorded by', 'source', 'source url', 'event type', 'log position', 'deal revision', 'event id',
] as const;

/** Every entry of each figure's history, one row each, in record order per figure. */
export function figureHistoriesCsv(dealId: string, figures: ReadonlyArray<{ figureId: string; label: string; entries: readonly HistoryCsvEntry[] }>): string {
  const rows = figures.flatMap((f) => f.entries.map((e) => [
    dealId, f.figureId, f.label, e.change, e.display, e.reason ?? '', e.reportedAt, e.effectiveAt ?? '',
    e.recordedAt, e.recordedBy, sourceInWords(e.source), e.source.url ?? '', e.eventType, e.position, e.revision, e.eventId,
  ]));
  return toCsv(HISTORY_CSV_HEADER, rows);
}
