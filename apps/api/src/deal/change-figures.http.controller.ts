import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { correctFigure, CorrectFigureRequest, retractReport, RetractReportRequest, reviseFigure, ReviseFigureRequest } from '#contract';
import { DealCommandGateway } from './deal-command.gateway.js';
import { CommandResponses } from './write-responses.js';

/** Revision (the world changed), correction (the record was wrong), retraction (withdrawn). */
@ApiTags('figures')
@Controller('deals/:dealId/figures/:figureId')
export class ChangeFiguresHttpController {
  constructor(private readonly gateway: DealCommandGateway) {}

  @Post('revisions')
  @ApiOperation({ summary: 'The world changed: a source reports a new value' })
  @CommandResponses({ ifMatch: true })
  revise(
    @Param('dealId') dealId: string,
    @Param('figureId') figureId: string,
    @Body() body: ReviseFigureRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(reviseFigure, { dealId, figureId }, body, req, res);
  }

  @Post('corrections')
  @ApiOperation({ summary: 'Our record was wrong: put the value right' })
  @CommandResponses({ ifMatch: true })
  correct(
    @Param('dealId') dealId: string,
    @Param('figureId') figureId: string,
    @Body() body: CorrectFigureRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(correctFigure, { dealId, figureId }, body, req, res);
  }

  @Post('retractions')
  @ApiOperation({ summary: 'The report is withdrawn' })
  @CommandResponses({ ifMatch: true })
  retract(
    @Param('dealId') dealId: string,
    @Param('figureId') figureId: string,
    @Body() body: RetractReportRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(retractReport, { dealId, figureId }, body, req, res);
  }
}
