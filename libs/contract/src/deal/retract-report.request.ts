import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { NestedObject, SourceRequest } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { ReasonField } from './requests/figure-change.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

/** The report is withdrawn: the figure stops standing; its history stays. */
export class RetractReportRequest extends CommandRequest {
  @ApiProperty({ example: 'the publisher withdrew the article' }) @ReasonField() reason!: string;
  @ApiPropertyOptional({ type: SourceRequest }) @IsOptional() @NestedObject(() => SourceRequest) source?: SourceRequest;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) reportedAt?: string;
}

export const retractReport = defineDealCommandRoute({
  command: 'RetractReport',
  request: RetractReportRequest,
});
