import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FIGURE_CHANGE_KINDS, type FigureChangeKind } from '#domain';
import { IdField } from '#contract';

const Moment = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  MaxLength(40)(target, key);
};

export class DealDiffRequest {
  @ApiProperty({ description: 'A cursor up to the head of the log or a past ISO-8601 instant', example: '2025-08-01' }) @Moment() from!: string;
  @ApiProperty({ description: 'A cursor up to the head of the log or a past ISO-8601 instant', example: '2026-02-01' }) @Moment() to!: string;
}

export class AuditChangesRequest {
  @ApiPropertyOptional() @IsOptional() @IdField() dealId?: string;
  @ApiPropertyOptional({ enum: FIGURE_CHANGE_KINDS, description: 'initial, revision, disclosure, correction or retraction' })
  @IsOptional()
  @IsIn(FIGURE_CHANGE_KINDS)
  kind?: FigureChangeKind;
  @ApiPropertyOptional({ example: 'analyst-1' }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ description: 'Recorded at or after this instant (a filter: any instant, future ones too)' })
  @IsOptional() @Moment() recordedFrom?: string;
  @ApiPropertyOptional({ description: 'Recorded before this instant (a filter: open-ended, so later entries may join the answer)' })
  @IsOptional() @Moment() recordedTo?: string;
  @ApiPropertyOptional({ description: 'Only entries whose qualifier changed (e.g. "up to" dropped)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  qualifierChanged?: boolean;
  @ApiPropertyOptional({ description: 'Only entries recorded more than this many days after the moment they describe' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(36500)
  recordedLaterThanDays?: number;
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' }) @IsOptional() @IsString() @MaxLength(20) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
