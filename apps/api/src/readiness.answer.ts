import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComponentHealth, ComponentState } from '#event-store';
import { enumOf } from '#contract';

const COMPONENT_STATES = enumOf<ComponentState>({ running: true, recovering: true, faulted: true, stopped: true });

/** How one part that follows the log is doing. */
export class ComponentHealthAnswer {
  @ApiProperty({ example: 'projections', description: 'projections, log-tree, event-feed, api-keys, checkpoints' }) component!: string;
  @ApiProperty({
    description: 'Whether requests need it: the replica is ready only while every such part runs (the log tree and its checkpoints are not: the answers stay right, the proofs stop growing)',
  })
  neededToServe!: boolean;
  @ApiProperty({
    enum: COMPONENT_STATES,
    description: 'recovering: starts again on its own after a failure that passes; faulted: needs an operator (then POST /admin/components/retry)',
  })
  state!: ComponentState;
  @ApiPropertyOptional({ description: 'The failure it is recovering from, or that faulted it' }) failure?: string;
  @ApiPropertyOptional({ description: 'When that failure was first met (ISO 8601)' }) failingSince?: string;
  @ApiProperty({ description: 'Restarts after a failure since the process started' }) restarts!: number;
}

/** Whether the log answered a read within the probe's bound. */
export class StoreReadinessAnswer {
  @ApiProperty() reachable!: boolean;
  @ApiPropertyOptional({ description: 'Why it did not answer' }) failure?: string;
}

/** How far the read models are behind the log, against the bound a ready replica keeps (LEDGER_READY_MAX_LAG). */
export class ReadModelsReadinessAnswer {
  @ApiProperty({ type: Number, nullable: true, description: 'Events the read models are behind the log (on KurrentDB counted up to maxLag + 1); null when the log did not answer' }) lag!: number | null;
  @ApiProperty({ description: 'The most a ready replica may be behind' }) maxLag!: number;
  @ApiProperty() caughtUp!: boolean;
}

/**
 * `ready` (200) when every part requests need is running, the log answers, the read models are
 * within the lag bound and the process is not shutting down; `not_ready` (503) otherwise.
 * Every part is listed. (The admin's retry answers with the parts only.)
 */
export class ReadinessAnswer {
  @ApiProperty({ enum: ['ready', 'not_ready'] }) status!: 'ready' | 'not_ready';
  @ApiProperty({ type: [ComponentHealthAnswer] }) components!: ComponentHealthAnswer[];
  @ApiPropertyOptional({ type: StoreReadinessAnswer }) store?: StoreReadinessAnswer;
  @ApiPropertyOptional({ type: ReadModelsReadinessAnswer }) readModels?: ReadModelsReadinessAnswer;
  @ApiPropertyOptional({ description: 'Set once a graceful shutdown began (ISO 8601): the replica takes no new traffic' }) shuttingDownSince?: string;
}

export interface ReadinessChecks {
  store: StoreReadinessAnswer;
  readModels: ReadModelsReadinessAnswer;
  shuttingDownSince?: string;
}

export function readinessAnswer(components: readonly ComponentHealth[], checks?: ReadinessChecks): ReadinessAnswer {
  const partsRun = components.every((c) => c.state === 'running' || !c.neededToServe);
  const checksPass = !checks || (checks.store.reachable && checks.readModels.caughtUp && checks.shuttingDownSince === undefined);
  return {
    status: partsRun && checksPass ? 'ready' : 'not_ready',
    components: components.map((c) => ({ ...c })),
    ...(checks ? { ...checks } : {}),
  };
}
