import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { FigureReportRequest, IdField, NestedObject } from '../requests/common.request.js';
import { CommandRequest } from '../requests/command.request.js';
import { defineDealCommandRoute } from '../deal-command-route.js';

export class GiveGuaranteeRequest extends CommandRequest {
  @ApiProperty({ example: 'gov-jp' }) @IdField() guarantor!: string;
  @ApiProperty({ example: 'bank-a' }) @IdField() beneficiary!: string;
  @ApiPropertyOptional({ example: 'caremag' }) @IsOptional() @IdField() obligor?: string;
  @ApiProperty({ type: FigureReportRequest, description: 'Money, or the percentage of the obligation covered' })
  @NestedObject(() => FigureReportRequest)
  cover!: FigureReportRequest;
  @ApiPropertyOptional({ type: FigureReportRequest, description: 'A duration' })
  @IsOptional()
  @NestedObject(() => FigureReportRequest)
  term?: FigureReportRequest;
}

export const giveGuarantee = defineDealCommandRoute({ command: 'GiveGuarantee', request: GiveGuaranteeRequest });
