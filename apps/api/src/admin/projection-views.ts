import type { BuildStatus, ProjectionStatus, QuarantinedEvent, RebuildRecord, ResolutionOutcome } from '#projections';
import { toCursor, withCursorLast as withCursor } from '../http/cursor.js';

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
