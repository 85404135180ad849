import { ApiProperty } from '@nestjs/swagger';
import type { RunnerState } from '#projections';
import { enumOf, toCursor } from '#contract';

const RUNNER_STATES = enumOf<RunnerState>({ stopped: true, running: true, faulted: true });

export class ProjectionsHealthAnswer {
  @ApiProperty({ enum: RUNNER_STATES }) state!: RunnerState;
  @ApiProperty({ description: 'The cursor the read models have reached', example: '42' }) position!: string;
  @ApiProperty({ description: 'Events the read models are behind the head' }) lag!: number;
}

/** `ok`, or `degraded` (with 503) while the projections are faulted. */
export class HealthAnswer {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ description: 'The cursor of the last event on record', example: '42' }) head!: string;
  @ApiProperty({ type: ProjectionsHealthAnswer }) projections!: ProjectionsHealthAnswer;
}

export function healthAnswer(head: number, runner: { state: RunnerState; position: number }): HealthAnswer {
  return {
    status: runner.state === 'faulted' ? 'degraded' : 'ok',
    head: toCursor(head),
    projections: { state: runner.state, position: toCursor(runner.position), lag: head - runner.position },
  };
}

/** The process answers HTTP: all a liveness probe needs to know. */
export class LivenessAnswer {
  @ApiProperty({ enum: ['alive'] }) status!: 'alive';
}
