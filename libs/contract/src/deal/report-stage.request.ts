import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { STAGES, type Stage } from '#domain';
import { NestedObject, SourceRequest } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

/** Where an agreement or a facility now stands, as a source reports it. */
export class ReportStageRequest extends CommandRequest {
  @ApiProperty({ enum: STAGES, example: 'signed' }) @IsIn(STAGES) stage!: Stage;
  @ApiProperty({ type: SourceRequest }) @NestedObject(() => SourceRequest) source!: SourceRequest;
  @ApiProperty({ example: '2025-09-15' }) @IsString() @MaxLength(40) reportedAt!: string;
  @ApiPropertyOptional({ description: 'When the agreement or facility reached the stage' }) @IsOptional() @IsString() @MaxLength(40) effectiveAt?: string;
}

export const reportStage = defineDealCommandRoute({
  command: 'ReportStage',
  request: ReportStageRequest,
});
