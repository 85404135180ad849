import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE } from '#application';
import type { EventStore } from '#event-store';
import { ProjectionRunner } from '#projections';
import { toCursor } from '#contract';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and read-model lag; 503 when projections are faulted' })
  async health(@Res({ passthrough: true }) res: Response) {
    const head = await this.store.headPosition();
    const body = {
      status: this.runner.state === 'faulted' ? 'degraded' : 'ok',
      head: toCursor(head),
      projections: { state: this.runner.state, position: toCursor(this.runner.position), lag: head - this.runner.position },
    };
    if (this.runner.state === 'faulted') res.status(503);
    return body;
  }
}
