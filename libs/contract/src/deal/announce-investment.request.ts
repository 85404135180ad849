import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsOptional } from 'class-validator';
import { FigureReportRequest, IdField, IdList, NestedObject, TextList } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class AnnounceInvestmentRequest extends CommandRequest {
  @ApiProperty({ example: ['jogmec', 'iwatani'] }) @IdList() @ArrayMinSize(1) investors!: string[];
  @ApiProperty({ example: 'caremag' }) @IdField() target!: string;
  @ApiPropertyOptional({ example: 'jfre' }) @IsOptional() @IdField() vehicle?: string;
  @ApiProperty({ type: FigureReportRequest }) @NestedObject(() => FigureReportRequest) amount!: FigureReportRequest;
  @ApiProperty({ example: ['equity', 'debt'] }) @TextList(20) instruments!: string[];
  @ApiPropertyOptional({ type: FigureReportRequest })
  @IsOptional() @NestedObject(() => FigureReportRequest) timeframe?: FigureReportRequest;
}

export const announceInvestment = defineDealCommandRoute({
  command: 'AnnounceInvestment',
  request: AnnounceInvestmentRequest,
});
