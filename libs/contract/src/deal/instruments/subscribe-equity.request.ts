import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsIn, IsOptional } from 'class-validator';
import { EQUITY_CLASSES, type EquityClass } from '#domain';
import { FigureReportRequest, IdField, IdList, NestedObject } from '../requests/common.request.js';
import { CommandRequest } from '../requests/command.request.js';
import { defineDealCommandRoute } from '../deal-command-route.js';

export class SubscribeEquityRequest extends CommandRequest {
  @ApiProperty({ example: ['gov-us'] }) @IdList() @ArrayMinSize(1) investors!: string[];
  @ApiProperty({ example: 'mp-materials' }) @IdField() issuer!: string;
  @ApiProperty({ enum: EQUITY_CLASSES }) @IsIn(EQUITY_CLASSES) class!: EquityClass;
  @ApiProperty({ type: FigureReportRequest, description: 'Money paid' }) @NestedObject(() => FigureReportRequest) amount!: FigureReportRequest;
  @ApiPropertyOptional({ type: FigureReportRequest, description: 'A count of shares' })
  @IsOptional()
  @NestedObject(() => FigureReportRequest)
  shares?: FigureReportRequest;
  @ApiPropertyOptional({ type: FigureReportRequest, description: 'A unit price per share' })
  @IsOptional()
  @NestedObject(() => FigureReportRequest)
  pricePerShare?: FigureReportRequest;
}

export const subscribeEquity = defineDealCommandRoute({ command: 'SubscribeEquity', request: SubscribeEquityRequest });
