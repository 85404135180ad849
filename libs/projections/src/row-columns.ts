import type { NoteRecordedV1 } from '#domain';

/** Nested values (sources, figure values, lists) are kept as JSON text columns. */
export const json = (value: unknown): string => JSON.stringify(value);

/** A recorded note's own columns: the same in every read model that keeps notes. */
export function noteColumns(note: NoteRecordedV1) {
  return { noteId: note.noteId, text: note.text, source: json(note.source), reportedAt: note.reportedAt };
}
