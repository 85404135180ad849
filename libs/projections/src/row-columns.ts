import type { FigureValue, NoteRecordedV1, Source } from '#domain';

/** Nested values (sources, figure values, lists) are kept as JSON text columns. */
export const json = (value: unknown): string => JSON.stringify(value);

/** A recorded note's own columns: the same in every read model that keeps notes. */
export function noteColumns(note: NoteRecordedV1) {
  return { noteId: note.noteId, text: note.text, source: json(note.source), reportedAt: note.reportedAt };
}

/** A figure's report as both read models keep it: the value and source as JSON, the times as given. */
export interface ReportRow {
  value: string;
  source: string;
  reported_at: string;
  effective_at: string | null;
}

export function reportColumns(report: { value: FigureValue; source: Source; reportedAt: string; effectiveAt?: string }) {
  return {
    value: json(report.value),
    source: json(report.source),
    reportedAt: report.reportedAt,
    effectiveAt: report.effectiveAt ?? null,
  };
}
