import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsOptional } from 'class-validator';
import { FigureReportRequest, IdField, IdList, NestedObject, TextList } from '../requests/common.request.js';
import { CommandRequest } from '../requests/command.request.js';
import { defineDealCommandRoute } from '../deal-command-route.js';

export class CommitPurchaseRequest extends CommandRequest {
  @ApiProperty({ example: ['apple'] }) @IdList() @ArrayMinSize(1) buyers!: string[];
  @ApiProperty({ example: 'mp-materials' }) @IdField() seller!: string;
  @ApiProperty({ example: ['recycled rare earth magnets'] }) @TextList(50) @ArrayMinSize(1) products!: string[];
  @ApiProperty({ type: FigureReportRequest, description: 'Money' }) @NestedObject(() => FigureReportRequest) amount!: FigureReportRequest;
  @ApiPropertyOptional({ type: FigureReportRequest, description: 'A duration' })
  @IsOptional()
  @NestedObject(() => FigureReportRequest)
  term?: FigureReportRequest;
  @ApiPropertyOptional({ example: 'offtake-magnets', description: 'The offtake share this commitment belongs to, an offtake figure of the deal' })
  @IsOptional()
  @IdField()
  offtakeFigureId?: string;
}

export const commitPurchase = defineDealCommandRoute({ command: 'CommitPurchase', request: CommitPurchaseRequest });
