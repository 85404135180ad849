import { describeFailure } from '#event-store';
import type { ProjectionStatus } from '../projection-status.js';
import type { RunnerContext } from './runner-context.js';
import { statusReport } from './status-report.js';

/** Gathers what the runner knows of each projection, in memory and in its tables, for `statusReport`. */
export class RunnerStatus {
  constructor(private readonly context: RunnerContext) {}

  async all(): Promise<ProjectionStatus[]> {
    const head = await this.context.store.headPosition();
    return Promise.all(this.context.names.map((name) => this.at(name, head)));
  }

  async of(name: string): Promise<ProjectionStatus> {
    this.context.projectionNamed(name);
    return this.at(name, await this.context.store.headPosition());
  }

  private async at(name: string, head: number): Promise<ProjectionStatus> {
    const { context } = this;
    const projection = context.projectionNamed(name);
    const saved = context.positions.get(name);
    const live = context.live.get(name);
    const generation = live?.generation ?? saved?.generation ?? 0;
    const checkpoint = live?.position ?? saved?.position ?? 0;
    const shadow = context.shadows.get(name);
    const record = context.rebuilds.get(name) ?? shadow?.record;
    const lastSwap = context.swaps.last(name);
    const lastError = context.lastErrors.get(name);
    return statusReport({
      projection,
      head,
      runner: context.state,
      ...(context.state === 'faulted'
        ? { runnerError: { message: describeFailure(context.failure), at: context.now().toISOString() } }
        : {}),
      generation,
      checkpoint,
      servedVersion: live?.version ?? saved?.version ?? projection.version,
      quarantined: context.quarantine.ofGeneration(name, generation).length,
      secondsBehind: head > checkpoint ? await this.secondsBehind(checkpoint) : 0,
      eventsPerSecond: context.liveRates.get(name)?.perSecond() ?? 0,
      ...(lastError ? { lastError } : {}),
      ...(lastSwap ? { lastSwap } : {}),
      ...(record
        ? {
            build: {
              record,
              position: shadow?.slot.position ?? record.position,
              quarantined: context.quarantine.ofGeneration(name, record.generation).length,
              eventsPerSecond: shadow?.rate.perSecond() ?? 0,
              faulted: shadow?.state === 'faulted',
              ...(shadow?.lastError ? { lastError: shadow.lastError } : {}),
            },
          }
        : {}),
    });
  }

  /** How long the oldest event the served rows lack has been in the log. */
  private async secondsBehind(checkpoint: number): Promise<number> {
    for await (const next of this.context.store.readAll({ after: checkpoint, maxCount: 1 })) {
      return Math.max(0, (this.context.now().getTime() - Date.parse(next.recordedAt)) / 1000);
    }
    return 0;
  }
}
