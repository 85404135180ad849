import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GetDealDiffQuery, GetFigureHistoryQuery } from '#application';
import { parseRecordPoint } from '../http/record-moment.js';
import { DealDiffRequest } from './audit.request.js';
import { DealDiffAnswer, dealDiffAnswer } from './deal-diff.answer.js';
import { FigureHistoryAnswer, figureHistoryAnswer } from './figure-history.answer.js';
import { ReadRoute } from '../http/openapi/read-route.js';
import { ReadFromReadModels } from '../http/stale/read-from-read-models.js';

/** Every value a figure had, and what changed between two moments of a deal's record. */
@ApiTags('audit')
@Controller('deals/:dealId')
export class DealAuditHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReadFromReadModels()
  @ReadRoute('figures/:figureId/history', 'Every value the figure had, in record order: who, from which source, and what kind of change', FigureHistoryAnswer)
  async history(@Param('dealId') dealId: string, @Param('figureId') figureId: string): Promise<FigureHistoryAnswer> {
    const history = await this.queryBus.execute(new GetFigureHistoryQuery(dealId, figureId));
    return figureHistoryAnswer(dealId, figureId, history);
  }

  @Get('diff')
  @ApiOperation({ summary: 'Field-level changes between two moments of the record, each with its cause and event' })
  @ApiResponse({
    status: 400,
    description: 'from/to not fixed moments: AUDIT.KNOWN_AT_BEYOND_HEAD or AUDIT.KNOWN_AT_IN_FUTURE (field names which); AUDIT.RANGE_REVERSED',
  })
  @ApiOkResponse({ type: DealDiffAnswer })
  async diff(@Param('dealId') dealId: string, @Query() query: DealDiffRequest): Promise<DealDiffAnswer> {
    const diff = await this.queryBus.execute(
      new GetDealDiffQuery(dealId, parseRecordPoint(query.from, 'from'), parseRecordPoint(query.to, 'to')),
    );
    return dealDiffAnswer(diff);
  }
}
