import { LedgerError, type ErrorKind } from '#domain';

/** Refusals of projection operations, each with a stable code; `details` are shown to the caller. */
export class ProjectionError extends LedgerError {
  declare readonly details: Record<string, unknown>;

  constructor(code: string, message: string, kind: ErrorKind, details: Record<string, unknown> = {}) {
    super(code, message, kind, { details });
  }
}

export const projectionNotFound = (name: string, known: readonly string[]): ProjectionError =>
  new ProjectionError('PROJECTION.NOT_FOUND', `No projection named ${name}`, 'not_found', { projection: name, known });

export const rebuildInProgress = (name: string, kind: string, generation: number): ProjectionError =>
  new ProjectionError(
    'PROJECTION.REBUILD_IN_PROGRESS',
    `${name} is already being rebuilt (${kind} into generation ${generation}); follow it with GET /admin/projections/${name}`,
    'conflict',
    { projection: name, kind, generation },
  );

export const blueGreenUnsupported = (name: string): ProjectionError =>
  new ProjectionError(
    'PROJECTION.REBUILD_UNSUPPORTED',
    `${name} does not declare its tables, so it cannot be built beside its live tables`,
    'conflict',
    { projection: name },
  );

export const replayUnsupported = (name: string): ProjectionError =>
  new ProjectionError(
    'PROJECTION.REPLAY_UNSUPPORTED',
    `${name} cannot rewind its rows to a point; rebuild it from the start instead`,
    'conflict',
    { projection: name },
  );

export const replayBeyondCheckpoint = (name: string, from: number, checkpoint: number): ProjectionError =>
  new ProjectionError(
    'PROJECTION.REPLAY_FROM_AHEAD',
    `${name} has applied the log up to ${checkpoint}; a replay cannot start after that (${from})`,
    'invalid',
    { projection: name, from: String(from), checkpoint: String(checkpoint) },
  );

export const projectionFrozen = (name: string): ProjectionError =>
  new ProjectionError(
    'PROJECTION.VERSION_REBUILD_PENDING',
    `${name} is serving rows of an older version while its new version is built; wait for the swap`,
    'conflict',
    { projection: name },
  );

export const runnerNotRunning = (state: string): ProjectionError =>
  new ProjectionError('PROJECTION.RUNNER_NOT_RUNNING', `The projection runner is ${state}`, 'unavailable', { state });

export const quarantineNotFound = (name: string, id: number): ProjectionError =>
  new ProjectionError('QUARANTINE.NOT_FOUND', `No quarantined event ${id} for ${name}`, 'not_found', { projection: name, id });

export const retryFailed = (name: string, id: number, error: string): ProjectionError =>
  new ProjectionError('QUARANTINE.RETRY_FAILED', `The event still fails: ${error}`, 'conflict', {
    projection: name,
    id,
    error,
  });
