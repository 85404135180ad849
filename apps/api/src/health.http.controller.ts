import { Controller, Inject, Res } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ComponentAdmin, EVENT_STORE, READ_MODEL_PROGRESS, TAMPER_EVIDENCE_SETTINGS, type TamperEvidenceSettings } from '#application';
import { describeFailure, type EventStore } from '#event-store';
import type { ReadModelProgress } from '#projections';
import type { OperationsSettings } from '#runtime';
import { HealthAnswer, healthAnswer, LivenessAnswer } from './health.answer.js';
import { ReadRoute } from './http/openapi/read-route.js';
import { eventsBehind } from './observability/events-behind.js';
import { OPERATIONS_SETTINGS } from './observability/operations-settings.token.js';
import { ShutdownState } from './observability/shutdown-state.js';
import { ReadinessAnswer, readinessAnswer, type StoreReadinessAnswer } from './readiness.answer.js';

/** A probe waits this long for the log to answer, then calls it unreachable: probes have timeouts of their own. */
const STORE_PROBE_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
    private readonly components: ComponentAdmin,
    @Inject(OPERATIONS_SETTINGS) private readonly operations: OperationsSettings,
    private readonly shutdown: ShutdownState,
    @Inject(TAMPER_EVIDENCE_SETTINGS) private readonly settings: TamperEvidenceSettings,
  ) {}

  @ReadRoute(undefined, 'Liveness and read-model lag; 503 when projections are faulted', HealthAnswer)
  @ApiServiceUnavailableResponse({ type: HealthAnswer, description: 'The projections are faulted: `status` is `degraded`' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthAnswer> {
    const body = healthAnswer(await this.store.headPosition(), this.readModels);
    if (body.status === 'degraded') res.status(503);
    return body;
  }

  /** For a liveness probe: the process answers. It reads nothing, so a slow or lost store never gets it restarted. */
  @ReadRoute('live', 'Liveness: the process answers HTTP (the store is not touched); restart the process only when this fails', LivenessAnswer)
  live(): LivenessAnswer {
    return { status: 'alive' };
  }

  /** For a load balancer: send traffic only while every part requests need runs, the log answers and the read models keep up. */
  @ReadRoute(
    'ready',
    'Readiness: every part requests need (projections, event feed, key follower) is running, the log answers, the read models are within LEDGER_READY_MAX_LAG of it, and no shutdown has begun; 503 otherwise. Every part is listed',
    ReadinessAnswer,
  )
  @ApiServiceUnavailableResponse({ type: ReadinessAnswer, description: 'A part requests need is not running, the log does not answer, the read models are too far behind, or the process is shutting down: `status` is `not_ready`' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessAnswer> {
    const { store, head } = await this.probeStore();
    const maxLag = this.operations.readyMaxLagEvents;
    const lag = head === undefined ? null : await eventsBehind(this.store, this.readModels.position, head, this.settings.densePositions ?? false, maxLag + 1).catch(() => null);
    const shuttingDownSince = this.shutdown.draining;
    const body = readinessAnswer(this.components.health(), {
      store,
      readModels: { lag, maxLag, caughtUp: lag !== null && lag <= maxLag },
      ...(shuttingDownSince ? { shuttingDownSince } : {}),
    });
    if (body.status === 'not_ready') res.status(503);
    return body;
  }

  private async probeStore(): Promise<{ store: StoreReadinessAnswer; head?: number }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the log did not answer within ${STORE_PROBE_TIMEOUT_MS} ms`)), STORE_PROBE_TIMEOUT_MS);
    });
    try {
      const head = await Promise.race([this.store.headPosition(), timeout]);
      return { store: { reachable: true }, head };
    } catch (error) {
      return { store: { reachable: false, failure: describeFailure(error) } };
    } finally {
      clearTimeout(timer);
    }
  }
}
