import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, READ_MODEL_PROGRESS } from '#application';
import type { EventStore } from '#event-store';
import type { ReadModelProgress } from '#projections';
import { toCursor } from '#contract';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and read-model lag; 503 when projections are faulted' })
  async health(@Res({ passthrough: true }) res: Response) {
    const head = await this.store.headPosition();
    const body = {
      status: this.readModels.state === 'faulted' ? 'degraded' : 'ok',
      head: toCursor(head),
      projections: { state: this.readModels.state, position: toCursor(this.readModels.position), lag: head - this.readModels.position },
    };
    if (this.readModels.state === 'faulted') res.status(503);
    return body;
  }
}
