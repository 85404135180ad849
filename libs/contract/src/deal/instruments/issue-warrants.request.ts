import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { FigureReportRequest, IdField, NestedObject } from '../requests/common.request.js';
import { CommandRequest } from '../requests/command.request.js';
import { defineDealCommandRoute } from '../deal-command-route.js';

export class IssueWarrantsRequest extends CommandRequest {
  @ApiProperty({ example: 'gov-us' }) @IdField() holder!: string;
  @ApiProperty({ example: 'mp-materials' }) @IdField() issuer!: string;
  @ApiProperty({ type: FigureReportRequest, description: 'A count of warrants' }) @NestedObject(() => FigureReportRequest) count!: FigureReportRequest;
  @ApiPropertyOptional({ type: FigureReportRequest, description: 'A unit price per share' })
  @IsOptional()
  @NestedObject(() => FigureReportRequest)
  strike?: FigureReportRequest;
  @ApiPropertyOptional({ type: FigureReportRequest, description: 'A date' })
  @IsOptional()
  @NestedObject(() => FigureReportRequest)
  expiry?: FigureReportRequest;
  @ApiPropertyOptional({ example: 'stake-gov-us-converted', description: 'The conditional stake the warrants would give, a stake figure of the deal' })
  @IsOptional()
  @IdField()
  stakeFigureId?: string;
}

export const issueWarrants = defineDealCommandRoute({ command: 'IssueWarrants', request: IssueWarrantsRequest });
