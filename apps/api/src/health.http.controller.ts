import { Controller, Inject, Res } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ComponentAdmin, EVENT_STORE, READ_MODEL_PROGRESS } from '#application';
import type { EventStore } from '#event-store';
import type { ReadModelProgress } from '#projections';
import { HealthAnswer, healthAnswer } from './health.answer.js';
import { ReadRoute } from './http/openapi/read-route.js';
import { ReadinessAnswer, readinessAnswer } from './readiness.answer.js';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
    private readonly components: ComponentAdmin,
  ) {}

  @ReadRoute(undefined, 'Liveness and read-model lag; 503 when projections are faulted', HealthAnswer)
  @ApiServiceUnavailableResponse({ type: HealthAnswer, description: 'The projections are faulted: `status` is `degraded`' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthAnswer> {
    const body = healthAnswer(await this.store.headPosition(), this.readModels);
    if (body.status === 'degraded') res.status(503);
    return body;
  }

  /** For a load balancer: send traffic only while every part requests need runs. */
  @ReadRoute('ready', 'Readiness: every part requests need (projections, event feed, key follower) is running; 503 otherwise. Every part is listed', ReadinessAnswer)
  @ApiServiceUnavailableResponse({ type: ReadinessAnswer, description: 'A part requests need is recovering, faulted or stopped: `status` is `not_ready`' })
  ready(@Res({ passthrough: true }) res: Response): ReadinessAnswer {
    const body = readinessAnswer(this.components.health());
    if (body.status === 'not_ready') res.status(503);
    return body;
  }
}
