import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { FigureReportRequest, IdField, NestedObject, TextField } from '../requests/common.request.js';
import { CommandRequest } from '../requests/command.request.js';
import { defineDealCommandRoute } from '../deal-command-route.js';

export class AwardGrantRequest extends CommandRequest {
  @ApiProperty({ example: 'gov-fr' }) @IdField() grantor!: string;
  @ApiProperty({ example: 'caremag' }) @IdField() recipient!: string;
  @ApiProperty({ type: FigureReportRequest, description: 'Money' }) @NestedObject(() => FigureReportRequest) amount!: FigureReportRequest;
  @ApiPropertyOptional({ example: 'feasibility study' }) @IsOptional() @TextField(200) purpose?: string;
}

export const awardGrant = defineDealCommandRoute({ command: 'AwardGrant', request: AwardGrantRequest });
