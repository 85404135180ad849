import type { BuildStatus, ProjectionStatus, QuarantinedEvent, RebuildRecord, ResolutionOutcome } from '#projections';
import { toCursor, withCursorLast } from './cursor.js';
import type { BuildAnswer, OperationAnswer, ProjectionAnswer, ProjectionListAnswer, QuarantineAnswer, ResolutionAnswer } from './projection.answer.js';

/** The converters of the admin projection answers (projection.answer.ts). */

export function projectionListView(projections: ProjectionStatus[]): ProjectionListAnswer {
  return { head: toCursor(projections[0]?.head ?? 0), projections: projections.map(projectionView) };
}

export function projectionView(status: ProjectionStatus): ProjectionAnswer {
  const { checkpoint, head, lastError, build, lastSwap, ...rest } = status;
  return {
    ...rest,
    checkpoint: toCursor(checkpoint),
    head: toCursor(head),
    ...(lastError ? { lastError: withCursorLast(lastError) } : {}),
    ...(build ? { build: buildView(build) } : {}),
    ...(lastSwap ? { lastSwap: withCursorLast(lastSwap) } : {}),
  };
}

function buildView(build: BuildStatus): BuildAnswer {
  const { lastError, from, head, ...rest } = build;
  return {
    ...withCursorLast(rest),
    from: toCursor(from),
    head: toCursor(head),
    ...(lastError ? { lastError: withCursorLast(lastError) } : {}),
  };
}

export function operationView(record: RebuildRecord): OperationAnswer {
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

export const quarantineView = (event: QuarantinedEvent): QuarantineAnswer => withCursorLast(event);

export function resolutionView(outcome: ResolutionOutcome): ResolutionAnswer {
  return outcome.outcome === 'moved' ? { ...outcome, quarantine: quarantineView(outcome.quarantine) } : outcome;
}
