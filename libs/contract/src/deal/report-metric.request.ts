import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { FigureReportRequest, IdField, NestedObject, TextField } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class ReportMetricRequest extends CommandRequest {
  @ApiProperty({ example: "share of Japan's future demand for dysprosium and terbium secured" })
  @TextField(300)
  label!: string;
  @ApiPropertyOptional({ example: 'gov-jp' }) @IsOptional() @IdField() subject?: string;
  @ApiProperty({ type: FigureReportRequest }) @NestedObject(() => FigureReportRequest) metric!: FigureReportRequest;
}

export const reportMetric = defineDealCommandRoute({
  command: 'ReportMetric',
  request: ReportMetricRequest,
});
