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

/** `ready` (200) when every part requests need is running; `not_ready` (503) otherwise. Every part is listed. */
export class ReadinessAnswer {
  @ApiProperty({ enum: ['ready', 'not_ready'] }) status!: 'ready' | 'not_ready';
  @ApiProperty({ type: [ComponentHealthAnswer] }) components!: ComponentHealthAnswer[];
}

export function readinessAnswer(components: readonly ComponentHealth[]): ReadinessAnswer {
  return {
    status: components.every((c) => c.state === 'running' || !c.neededToServe) ? 'ready' : 'not_ready',
    components: components.map((c) => ({ ...c })),
  };
}
