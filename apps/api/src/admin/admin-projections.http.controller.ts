import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionAdmin, type ReplayStart } from '#application';
import { isIsoTimestamp } from '#domain';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { fromCursor } from '#contract';
import { RequestValidationError } from '#contract';
import { RebuildRequest, ReplayRequest, RetryRequest, SkipRequest } from './admin-projections.request.js';
import {
  OperationStartedAnswer,
  ProjectionAnswer,
  ProjectionListAnswer,
  QuarantineListAnswer,
  ResolutionAnswer,
} from '#contract';
import { operationView, projectionListView, projectionView, quarantineView, resolutionView } from '#contract';
import { ReadRoute } from '../http/openapi/read-route.js';

/**
 * Projection operations for admins: status, rebuilds without downtime, replays and the
 * quarantine. Every action is recorded in the `admin-projections` stream under the
 * caller's actor before it is carried out.
 */
@ApiTags('admin')
@Controller('admin/projections')
export class AdminProjectionsHttpController {
  constructor(@Inject(ProjectionAdmin) private readonly admin: ProjectionAdmin) {}

  @ReadRoute(undefined, 'Every projection: state, checkpoint, head, lag, events/s, last error, rebuild progress', ProjectionListAnswer)
  async list(): Promise<ProjectionListAnswer> {
    const projections = await this.admin.list();
    return projectionListView(projections);
  }

  @ReadRoute(':name', 'One projection, with the progress of its rebuild or replay (position, head, events/s, ETA)', ProjectionAnswer)
  async status(@Param('name') name: string): Promise<ProjectionAnswer> {
    return projectionView(await this.admin.status(name));
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Build the projection anew beside its live tables; swapped in once it reaches the head' })
  @ApiResponse({ status: 409, description: 'Already rebuilding, or the projection cannot be built beside its tables' })
  @ApiAcceptedResponse({ type: OperationStartedAnswer })
  async rebuild(@Param('name') name: string, @Body() body: RebuildRequest, @Req() request: AuthenticatedRequest): Promise<OperationStartedAnswer> {
    const record = await this.admin.rebuild(name, principalOf(request).actor, body.reason);
    return { operation: operationView(record), status: projectionView(await this.admin.status(name)) };
  }

  @Post(':name/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Reprocess the events after a position or since a time, beside the live tables' })
  @ApiAcceptedResponse({ type: OperationStartedAnswer })
  async replay(@Param('name') name: string, @Body() body: ReplayRequest, @Req() request: AuthenticatedRequest): Promise<OperationStartedAnswer> {
    const record = await this.admin.replay(name, replayStart(body), principalOf(request).actor, body.reason);
    return { operation: operationView(record), status: projectionView(await this.admin.status(name)) };
  }

  @ReadRoute(':name/quarantine', 'Quarantined events, with the error and how many events of the stream wait behind each', QuarantineListAnswer)
  async quarantine(@Param('name') name: string): Promise<QuarantineListAnswer> {
    return { items: (await this.admin.quarantined(name)).map(quarantineView) };
  }

  @Post(':name/quarantine/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply the quarantined event again (after a fix), then the events that waited behind it' })
  @ApiOkResponse({ type: ResolutionAnswer })
  @ApiResponse({ status: 409, description: 'QUARANTINE.RETRY_FAILED: the event still fails (the attempt is counted)' })
  async retry(
    @Param('name') name: string,
    @Param('id') id: string,
    @Body() body: RetryRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<ResolutionAnswer> {
    return resolutionView(await this.admin.retry(name, quarantineId(id), principalOf(request).actor, body.reason));
  }

  @Post(':name/quarantine/:id/skip')
  @HttpCode(200)
  @ApiOperation({ summary: 'Leave the quarantined event out (with a reason), then apply the events behind it' })
  @ApiOkResponse({ type: ResolutionAnswer })
  async skip(@Param('name') name: string, @Param('id') id: string, @Body() body: SkipRequest, @Req() request: AuthenticatedRequest): Promise<ResolutionAnswer> {
    return resolutionView(await this.admin.skip(name, quarantineId(id), principalOf(request).actor, body.reason));
  }
}

function quarantineId(id: string): number {
  if (!/^\d{1,15}$/.test(id)) throw new RequestValidationError([{ field: 'id', message: 'id must be a quarantine id from the list' }]);
  return Number(id);
}

function replayStart(body: ReplayRequest): ReplayStart {
  if ((body.fromPosition === undefined) === (body.fromTime === undefined)) {
    throw new RequestValidationError([{ field: 'fromPosition', message: 'give exactly one of fromPosition and fromTime' }]);
  }
  if (body.fromPosition !== undefined) return { position: fromCursor(body.fromPosition, 'fromPosition') };
  if (!isIsoTimestamp(body.fromTime)) {
    throw new RequestValidationError([{ field: 'fromTime', message: 'fromTime must be an ISO-8601 date or date-time with a zone' }]);
  }
  return { time: new Date(body.fromTime) };
}
