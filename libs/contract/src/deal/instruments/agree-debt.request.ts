import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsIn, IsOptional } from 'class-validator';
import { DEBT_FORMS, type DebtForm } from '#domain';
import { FigureReportRequest, IdField, IdList, NestedObject } from '../requests/common.request.js';
import { CommandRequest } from '../requests/command.request.js';
import { defineDealCommandRoute } from '../deal-command-route.js';

export class AgreeDebtRequest extends CommandRequest {
  @ApiProperty({ enum: DEBT_FORMS }) @IsIn(DEBT_FORMS) form!: DebtForm;
  @ApiProperty({ example: ['gov-us'] }) @IdList() @ArrayMinSize(1) lenders!: string[];
  @ApiProperty({ example: 'mp-materials' }) @IdField() borrower!: string;
  @ApiPropertyOptional({ example: ['jpmorgan'] }) @IsOptional() @IdList() @ArrayMinSize(1) arrangers?: string[];
  @ApiProperty({ type: FigureReportRequest, description: 'Money lent' }) @NestedObject(() => FigureReportRequest) principal!: FigureReportRequest;
  @ApiPropertyOptional({ type: FigureReportRequest, description: 'A duration' })
  @IsOptional()
  @NestedObject(() => FigureReportRequest)
  tenor?: FigureReportRequest;
  @ApiPropertyOptional({ type: FigureReportRequest, description: 'A percentage, or words ("SOFR + 2 %")' })
  @IsOptional()
  @NestedObject(() => FigureReportRequest)
  rate?: FigureReportRequest;
}

export const agreeDebt = defineDealCommandRoute({ command: 'AgreeDebt', request: AgreeDebtRequest });
