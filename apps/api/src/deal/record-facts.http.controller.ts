import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/principal.js';
import {
  announceGovernmentSupport,
  AnnounceGovernmentSupportRequest,
  announceInvestment,
  AnnounceInvestmentRequest,
  discloseStake,
  DiscloseStakeRequest,
  recordNote,
  RecordNoteRequest,
  reportCapacity,
  ReportCapacityRequest,
  reportMetric,
  ReportMetricRequest,
  signOfftake,
  SignOfftakeRequest,
} from '#contract';
import { DealCommandGateway } from './deal-command.gateway.js';
import { CommandResponses } from './write-responses.js';

/** Record a reported fact on a deal: each route takes one fact and its figures. */
@ApiTags('facts')
@Controller('deals/:dealId')
export class RecordFactsHttpController {
  constructor(private readonly gateway: DealCommandGateway) {}

  @Post('investments')
  @ApiOperation({ summary: 'An investment was announced' })
  @CommandResponses({ ifMatch: true })
  investment(
    @Param('dealId') dealId: string,
    @Body() body: AnnounceInvestmentRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(announceInvestment, { dealId }, body, req, res);
  }

  @Post('offtakes')
  @ApiOperation({ summary: 'An offtake agreement was signed' })
  @CommandResponses({ ifMatch: true })
  offtake(
    @Param('dealId') dealId: string,
    @Body() body: SignOfftakeRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(signOfftake, { dealId }, body, req, res);
  }

  @Post('stakes')
  @ApiOperation({ summary: 'A stake was disclosed (or its size declined)' })
  @CommandResponses({ ifMatch: true })
  stake(
    @Param('dealId') dealId: string,
    @Body() body: DiscloseStakeRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(discloseStake, { dealId }, body, req, res);
  }

  @Post('capacities')
  @ApiOperation({ summary: 'A production capacity was reported' })
  @CommandResponses({ ifMatch: true })
  capacity(
    @Param('dealId') dealId: string,
    @Body() body: ReportCapacityRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(reportCapacity, { dealId }, body, req, res);
  }

  @Post('government-support')
  @ApiOperation({ summary: 'Government support was announced' })
  @CommandResponses({ ifMatch: true })
  governmentSupport(
    @Param('dealId') dealId: string,
    @Body() body: AnnounceGovernmentSupportRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(announceGovernmentSupport, { dealId }, body, req, res);
  }

  @Post('metrics')
  @ApiOperation({ summary: 'Any other figure about the deal was reported' })
  @CommandResponses({ ifMatch: true })
  metric(
    @Param('dealId') dealId: string,
    @Body() body: ReportMetricRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(reportMetric, { dealId }, body, req, res);
  }

  @Post('notes')
  @ApiOperation({ summary: 'A fact without a figure was reported' })
  @CommandResponses({ ifMatch: true })
  note(
    @Param('dealId') dealId: string,
    @Body() body: RecordNoteRequest,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.gateway.send(recordNote, { dealId }, body, req, res);
  }
}
