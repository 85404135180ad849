import type { BuildStatus, ProjectionStatus, QuarantinedEvent, RebuildRecord, ResolutionOutcome } from '#projections';
import { toCursor } from './cursor.js';

/** Positions leave the API as opaque cursors, here as everywhere. */

export function projectionView(status: ProjectionStatus) {
  const { checkpoint, head, lastError, build, lastSwap, ...rest } = status;
  return {
    ...rest,
    checkpoint: toCursor(checkpoint),
    head: toCursor(head),
    ...(lastError ? { lastError: withCursor(lastError) } : {}),
    ...(build ? { build: buildView(build) } : {}),
    ...(lastSwap ? { lastSwap: withCursor(lastSwap) } : {}),
  };
}

function buildView(build: BuildStatus) {
  const { lastError, from, head, ...rest } = build;
  return {
    ...withCursor(rest),
    from: toCursor(from),
    head: toCursor(head),
    ...(lastError ? { lastError: withCursor(lastError) } : {}),
  };
}

export function operationView(record: RebuildRecord) {
  return {
    kind: record.kind,
    projection: record.projection,
    version: record.version,
    generation: record.generation,
    from: toCursor(record.fromPosition),
    requestedBy: record.requestedBy,
    reason: record.reason,
    startedAt: record.startedAt,
  };
}

export const quarantineView = (event: QuarantinedEvent) => withCursor(event);

export function resolutionView(outcome: ResolutionOutcome) {
  return outcome.outcome === 'moved' ? { ...outcome, quarantine: quarantineView(outcome.quarantine) } : outcome;
}

/** The same shape, with `position` as a cursor string (optional where it was). */
type WithCursor<T> = { [K in keyof T]: K extends 'position' ? Exclude<T[K], number> | string : T[K] };

function withCursor<T extends { position?: number }>(value: T): WithCursor<T> {
  const { position, ...rest } = value;
  return (position === undefined ? rest : { ...rest, position: toCursor(position) }) as WithCursor<T>;
}
