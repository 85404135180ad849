import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { FigureValueRequest, NestedObject, SourceRequest, TextField } from './common.request.js';
import { CommandRequest } from './command.request.js';

/** A new value for an existing figure, with the source that reported it. */
export abstract class FigureChangeRequest extends CommandRequest {
  @ApiProperty({ type: FigureValueRequest }) @NestedObject(() => FigureValueRequest) value!: FigureValueRequest;
  @ApiProperty({ type: SourceRequest }) @NestedObject(() => SourceRequest) source!: SourceRequest;
  @ApiProperty({ example: '2025-09-15T08:00:00Z' }) @IsString() @MaxLength(40) reportedAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) effectiveAt?: string;
}

export const ReasonField = (): PropertyDecorator => TextField(2000);

