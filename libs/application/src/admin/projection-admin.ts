import type { EventStore } from '#event-store';
import {
  ProjectionError,
  positionBefore,
  type ProjectionRunner,
  type ProjectionStatus,
  type QuarantinedEvent,
  type RebuildRecord,
  type ResolutionOutcome,
  type RunnerOperation,
} from '#projections';
import { summarizeComparison, type ProjectionAdminEvent } from './admin-events.js';
import { recordAdminEvent } from './record-admin-event.js';

/** Where a replay starts: after a position, or after the last event recorded before a time. */
export type ReplayStart = { position: number } | { time: Date };

const busy = (name: string): ProjectionError =>
  new ProjectionError('PROJECTION.BUSY', `Another admin action on ${name} is being recorded; try again`, 'conflict', {
    projection: name,
  });

/**
 * The admin operations on projections. Each one is checked first, then recorded in the
 * `admin-projections` stream (who, what, why), then carried out: an action that did not
 * make it into the stream is not done. What the runner does on its own (a rebuild after
 * a version bump, the swap that ends a rebuild) is recorded too, by the system actor.
 */
export class ProjectionAdmin {
  private readonly inFlight = new Set<string>();
  private readonly recordings = new Set<Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    private readonly onRecordError: (error: unknown) => void = () => undefined,
  ) {}

  list(): Promise<ProjectionStatus[]> {
    return this.runner.status();
  }

  status(name: string): Promise<ProjectionStatus> {
    return this.runner.statusOf(name);
  }

  rebuild(name: string, actor: string, reason?: string): Promise<RebuildRecord> {
    return this.exclusive(name, async () => {
      this.runner.checkRebuild(name);
      const { version, servedVersion } = await this.runner.statusOf(name);
      await this.record(
        { type: 'ProjectionRebuildRequested.v1', data: { projection: name, version, servedVersion, reason: reason ?? null } },
        actor,
      );
      return this.runner.rebuild(name, { requestedBy: actor, ...(reason ? { reason } : {}) });
    });
  }

  replay(name: string, start: ReplayStart, actor: string, reason?: string): Promise<RebuildRecord> {
    return this.exclusive(name, async () => {
      const fromPosition = 'position' in start ? start.position : await positionBefore(this.store, start.time);
      this.runner.checkReplay(name, fromPosition);
      const { version } = await this.runner.statusOf(name);
      const fromTime = 'time' in start ? start.time.toISOString() : null;
      await this.record(
        { type: 'ProjectionReplayRequested.v1', data: { projection: name, version, fromPosition, fromTime, reason: reason ?? null } },
        actor,
      );
      return this.runner.replay(name, fromPosition, { requestedBy: actor, ...(reason ? { reason } : {}) });
    });
  }

  quarantined(name: string): Promise<QuarantinedEvent[]> {
    return this.runner.quarantined(name);
  }

  retry(name: string, id: number, actor: string, reason?: string): Promise<ResolutionOutcome> {
    return this.exclusive(name, async () => {
      await this.recordResolution('QuarantinedEventRetried.v1', name, id, actor, reason ?? null);
      return this.runner.retry(name, id);
    });
  }

  skip(name: string, id: number, actor: string, reason: string): Promise<ResolutionOutcome> {
    return this.exclusive(name, async () => {
      await this.recordResolution('QuarantinedEventSkipped.v1', name, id, actor, reason);
      return this.runner.skip(name, id, { requestedBy: actor, reason });
    });
  }

  /** Records what the runner did on its own; failures go to `onRecordError` (the runner does not wait). */
  recordRunnerOperation(operation: RunnerOperation): void {
    const recorded = this.eventOf(operation);
    if (!recorded) return;
    const recording = this.record(recorded.event, recorded.actor).catch(this.onRecordError);
    this.recordings.add(recording);
    void recording.finally(() => this.recordings.delete(recording));
  }

  /** Resolves once every runner operation seen so far is recorded (before closing the store). */
  async settled(): Promise<void> {
    while (this.recordings.size > 0) await Promise.all([...this.recordings]);
  }

  private eventOf(operation: RunnerOperation): { event: ProjectionAdminEvent; actor: string } | undefined {
    switch (operation.type) {
      case 'rebuild-started':
        return {
          actor: operation.record.requestedBy,
          event: {
            type: 'ProjectionRebuildRequested.v1',
            data: {
              projection: operation.record.projection,
              version: operation.record.version,
              servedVersion: operation.servedVersion,
              reason: operation.record.reason,
            },
          },
        };
      case 'rebuilt-in-place':
        return {
          actor: 'system:start-up',
          event: {
            type: 'ProjectionRebuiltInPlace.v1',
            data: {
              projection: operation.projection,
              fromVersion: operation.fromVersion,
              toVersion: operation.toVersion,
              reason: `version ${operation.fromVersion} → ${operation.toVersion}; no declared tables to build beside`,
            },
          },
        };
      case 'swapped': {
        const { swap } = operation;
        return {
          actor: 'system:projection-runner',
          event: {
            type: 'ProjectionSwapped.v1',
            data: {
              projection: swap.projection,
              kind: swap.kind,
              fromGeneration: swap.fromGeneration,
              toGeneration: swap.toGeneration,
              fromVersion: swap.fromVersion,
              toVersion: swap.toVersion,
              position: swap.position,
              requestedBy: swap.requestedBy,
              startedAt: swap.startedAt,
              comparison: summarizeComparison(swap.comparison),
            },
          },
        };
      }
      default:
        return undefined;
    }
  }

  private async recordResolution(
    type: 'QuarantinedEventRetried.v1' | 'QuarantinedEventSkipped.v1',
    name: string,
    id: number,
    actor: string,
    reason: string | null,
  ): Promise<void> {
    const q = this.runner.quarantinedEvent(name, id);
    this.runner.checkResolution(name);
    await this.record(
      {
        type,
        data: {
          projection: name,
          quarantineId: id,
          streamId: q.streamId,
          position: q.position,
          eventId: q.eventId,
          eventType: q.eventType,
          error: q.error,
          reason,
        },
      },
      actor,
    );
  }

  private async record(event: ProjectionAdminEvent, actor: string): Promise<void> {
    await recordAdminEvent(this.store, 'projections', event, actor);
  }

  /** One admin action per projection at a time: the check, the record and the act stay together. */
  private async exclusive<T>(name: string, action: () => Promise<T>): Promise<T> {
    if (this.inFlight.has(name)) throw busy(name);
    this.inFlight.add(name);
    try {
      return await action();
    } finally {
      this.inFlight.delete(name);
    }
  }
}
