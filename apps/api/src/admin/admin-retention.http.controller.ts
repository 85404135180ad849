import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RetentionAdmin } from '#application';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { ReadRoute } from '../http/openapi/read-route.js';
import { DisposalAnswer, disposalAnswer, RetentionReportAnswer, retentionReportAnswer } from './admin-retention.answer.js';
import { DisposeRecordsBody } from './admin-retention.request.js';

/**
 * Retention schedules and disposal (README: Retention and disposal): what is past its date
 * at the ledger's clock, and disposal of it, recorded in the `admin-disposals` stream.
 */
@ApiTags('admin')
@Controller('admin/retention')
export class AdminRetentionHttpController {
  constructor(@Inject(RetentionAdmin) private readonly retention: RetentionAdmin) {}

  @ReadRoute(undefined, 'Per category: the schedule, how many records are past it, the oldest, and which legal holds keep records back', RetentionReportAnswer)
  async report(): Promise<RetentionReportAnswer> {
    return retentionReportAnswer(await this.retention.report());
  }

  @Post('disposals')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Empty the payloads of records past retention and not under a legal hold (held ones are skipped and listed), keeping their hashes and places in the log tree; ' +
      'recorded with who and why, then the projections they fed are rebuilt without them',
  })
  @ApiOkResponse({ type: DisposalAnswer })
  @ApiResponse({ status: 409, description: 'A record named in `records` is under a legal hold (RECORDS.UNDER_LEGAL_HOLD, naming it) or not past retention (RECORDS.NOT_PAST_RETENTION)' })
  @ApiResponse({ status: 422, description: 'The event store cannot empty an event in place (KurrentDB): RECORDS.DISPOSAL_UNSUPPORTED' })
  async dispose(@Body() body: DisposeRecordsBody, @Req() request: AuthenticatedRequest): Promise<DisposalAnswer> {
    const outcome = await this.retention.dispose(
      {
        reason: body.reason,
        dryRun: body.dryRun ?? false,
        ...(body.categories ? { categories: body.categories } : {}),
        ...(body.records ? { records: body.records } : {}),
      },
      principalOf(request).actor,
    );
    return disposalAnswer(outcome);
  }
}
