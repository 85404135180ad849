import { canonicalJson } from '#event-store';
import type { FigureHistoryEntry } from '#projections';

type Column = [header: string, cell: (entry: FigureHistoryEntry) => string | number | undefined];

const json = (value: unknown) => (value === undefined ? undefined : canonicalJson(value));
const measure = (entry: FigureHistoryEntry) => entry.value.measure as { kind: string; currency?: string; unit?: string; per?: string };

/** One row per value a figure had, in record order; the JSON columns keep what the flat ones cannot. */
const COLUMNS: readonly Column[] = [
  ['deal_id', (e) => e.dealId],
  ['figure_id', (e) => e.figureId],
  ['fact', (e) => e.fact],
  ['position', (e) => e.position],
  ['revision', (e) => e.revision],
  ['event_id', (e) => e.eventId],
  ['event_type', (e) => e.eventType],
  ['change', (e) => e.change],
  ['changed', (e) => e.changed.join(';')],
  ['display', (e) => e.display],
  ['measure', (e) => measure(e).kind],
  ['qualifier', (e) => e.value.qualifier],
  ['amount', (e) => e.value.amount],
  ['min', (e) => e.value.min],
  ['max', (e) => e.value.max],
  ['text', (e) => e.value.text],
  ['currency', (e) => measure(e).currency],
  ['unit', (e) => measure(e).unit],
  ['per', (e) => measure(e).per],
  ['note', (e) => e.value.note],
  ['source_publisher', (e) => e.source.publisher],
  ['source_title', (e) => e.source.title],
  ['source_url', (e) => e.source.url],
  ['source_attribution', (e) => e.source.attribution],
  ['source_tier', (e) => e.source.tier],
  ['reported_at', (e) => e.reportedAt],
  ['effective_at', (e) => e.effectiveAt],
  ['recorded_at', (e) => e.recordedAt],
  ['recorded_by', (e) => e.recordedBy],
  ['command_id', (e) => e.commandId],
  ['reason', (e) => e.reason],
  ['value_json', (e) => json(e.value)],
  ['previous_value_json', (e) => json(e.previousValue)],
  ['source_json', (e) => json(e.source)],
  ['context_json', (e) => json(e.context)],
];

export const FIGURE_HISTORY_CSV_HEADER = COLUMNS.map(([header]) => header);

/**
 * RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted.
 * A text cell that a spreadsheet would run as a formula (it begins with = + - @, a tab or a
 * carriage return: a source's words are anyone's words) is written with a leading apostrophe,
 * as OWASP advises; the `*_json` columns keep every value exactly.
 */
export function figureHistoryCsv(entries: readonly FigureHistoryEntry[]): string {
  const lines = [FIGURE_HISTORY_CSV_HEADER, ...entries.map((entry) => COLUMNS.map(([, cell]) => cell(entry)))];
  return lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** What a spreadsheet reads as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows of a CSV written by figureHistoryCsv (for checking a bundle). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
