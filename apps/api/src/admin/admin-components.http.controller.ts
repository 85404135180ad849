import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ComponentAdmin } from '#application';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { ReadinessAnswer, readinessAnswer } from '../readiness.answer.js';
import { RetryComponentsRequest } from './admin-components.request.js';

/**
 * The parts that follow the log (projections, log tree, event feed…) heal on their own after
 * a failure that passes; one that needs an operator stays faulted until an admin, having
 * fixed the cause, tells it to try again here. Recorded in the `admin-components` stream.
 */
@ApiTags('admin')
@Controller('admin/components')
export class AdminComponentsHttpController {
  constructor(private readonly components: ComponentAdmin) {}

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start every part that is not running again now (after fixing what faulted it); answers their health' })
  @ApiOkResponse({ type: ReadinessAnswer, description: 'The parts right after being told: one that starts again shows `running` once it has' })
  async retry(@Body() body: RetryComponentsRequest, @Req() request: AuthenticatedRequest): Promise<ReadinessAnswer> {
    return readinessAnswer(await this.components.retry(principalOf(request).actor, body.reason));
  }
}
