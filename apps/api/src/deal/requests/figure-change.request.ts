import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FigureValueRequest, ObjectIfPresent, SourceRequest, TextField } from './common.request.js';
import { CommandRequest } from './command.request.js';

/** A new value for an existing figure, with the source that reported it. */
export abstract class FigureChangeRequest extends CommandRequest {
  @ApiProperty({ type: FigureValueRequest }) @ObjectIfPresent() @ValidateNested() @Type(() => FigureValueRequest) value!: FigureValueRequest;
  @ApiProperty({ type: SourceRequest }) @ObjectIfPresent() @ValidateNested() @Type(() => SourceRequest) source!: SourceRequest;
  @ApiProperty({ example: '2025-09-15T08:00:00Z' }) @IsString() @MaxLength(40) reportedAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) effectiveAt?: string;
}

export const ReasonField = (): PropertyDecorator => TextField(2000);

