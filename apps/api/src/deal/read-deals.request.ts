import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IdField } from './requests/common.request.js';

export class ListDealsRequest {
  @ApiPropertyOptional({ description: 'Only deals with this party id', example: 'jogmec' })
  @IsOptional() @IdField() party?: string;
  @ApiPropertyOptional({ description: 'Only deals in this commodity (case-insensitive)', example: 'dysprosium' })
  @IsOptional() @IsString() @MaxLength(200) commodity?: string;
  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOptional() @IdField() after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ReadEventsRequest {
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) fromRevision?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}
