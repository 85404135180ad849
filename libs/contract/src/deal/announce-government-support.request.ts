import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { FigureReportRequest, IdField, NestedObject, TextField } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class AnnounceGovernmentSupportRequest extends CommandRequest {
  @ApiProperty({ example: 'gov-fr' }) @IdField() government!: string;
  @ApiProperty({ example: 'caremag' }) @IdField() recipient!: string;
  @ApiProperty({ type: FigureReportRequest }) @NestedObject(() => FigureReportRequest) amount!: FigureReportRequest;
  @ApiPropertyOptional({ example: 'financial support' }) @IsOptional() @TextField(200) form?: string;
}

export const announceGovernmentSupport = defineDealCommandRoute({
  command: 'AnnounceGovernmentSupport',
  request: AnnounceGovernmentSupportRequest,
});
