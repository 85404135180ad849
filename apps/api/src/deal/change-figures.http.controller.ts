import { Body, Controller } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  correctFigure,
  CorrectFigureRequest,
  reportStage,
  ReportStageRequest,
  retractReport,
  RetractReportRequest,
  reviseFigure,
  ReviseFigureRequest,
} from '#contract';
import { Call, type CommandCall } from '../http/command-call.js';
import { DealCommandGateway } from './deal-command.gateway.js';
import { CommandRoute } from './command-route.js';

/** Revision (the world changed), correction (the record was wrong), retraction (withdrawn), a new stage. */
@ApiTags('figures')
@ApiParam({ name: 'dealId', type: String })
@ApiParam({ name: 'figureId', type: String })
@Controller('deals/:dealId/figures/:figureId')
export class ChangeFiguresHttpController {
  constructor(private readonly gateway: DealCommandGateway) {}

  @CommandRoute('revisions', 'The world changed: a source reports a new value', { ifMatch: true })
  revise(@Body() body: ReviseFigureRequest, @Call() call: CommandCall) {
    return this.gateway.send(reviseFigure, body, call);
  }

  @CommandRoute('corrections', 'Our record was wrong: put the value right', { ifMatch: true })
  correct(@Body() body: CorrectFigureRequest, @Call() call: CommandCall) {
    return this.gateway.send(correctFigure, body, call);
  }

  @CommandRoute('retractions', 'The report is withdrawn', { ifMatch: true })
  retract(@Body() body: RetractReportRequest, @Call() call: CommandCall) {
    return this.gateway.send(retractReport, body, call);
  }

  @CommandRoute('stages', 'The agreement or facility moved on: signed, drawn, operating…', { ifMatch: true })
  stage(@Body() body: ReportStageRequest, @Call() call: CommandCall) {
    return this.gateway.send(reportStage, body, call);
  }
}
