import type { AuditReader } from '#projections';

/** A moment of the record: a global position, or an instant (the record as it stood then). */
export type RecordPoint = { position: number } | { time: string };

/** The position a moment of the record stands for; an instant maps to the last event recorded by then. */
export function positionOf(point: RecordPoint, reader: AuditReader): number {
  return 'position' in point ? point.position : reader.positionAt(new Date(Date.parse(point.time)).toISOString());
}
