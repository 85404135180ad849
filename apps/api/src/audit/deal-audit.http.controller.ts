import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GetDealDiffQuery, GetFigureHistoryQuery } from '#application';
import { toCursor } from '#contract';
import { parseRecordPoint } from '../http/record-point.js';
import { DealDiffRequest } from './audit.request.js';

/** Every value a figure had, and what changed between two moments of a deal's record. */
@ApiTags('audit')
@Controller('deals/:dealId')
export class DealAuditHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('figures/:figureId/history')
  @ApiOperation({ summary: 'Every value the figure had, in record order: who, from which source, and what kind of change' })
  async history(@Param('dealId') dealId: string, @Param('figureId') figureId: string) {
    const entries = await this.queryBus.execute(new GetFigureHistoryQuery(dealId, figureId));
    return { dealId, figureId, entries: entries.map((e) => ({ ...e, position: toCursor(e.position) })) };
  }

  @Get('diff')
  @ApiOperation({ summary: 'Field-level changes between two moments of the record, each with its cause and event' })
  @ApiResponse({
    status: 400,
    description: 'from/to not fixed moments: AUDIT.KNOWN_AT_BEYOND_HEAD or AUDIT.KNOWN_AT_IN_FUTURE (field names which); AUDIT.RANGE_REVERSED',
  })
  async diff(@Param('dealId') dealId: string, @Query() query: DealDiffRequest) {
    const diff = await this.queryBus.execute(
      new GetDealDiffQuery(dealId, parseRecordPoint(query.from, 'from'), parseRecordPoint(query.to, 'to')),
    );
    return {
      ...diff,
      from: toCursor(diff.from),
      to: toCursor(diff.to),
      figures: diff.figures.map((f) => ({ ...f, causes: f.causes.map((c) => ({ ...c, position: toCursor(c.position) })) })),
      notesAdded: diff.notesAdded.map((n) => ({ ...n, position: toCursor(n.position) })),
    };
  }
}
