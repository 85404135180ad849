import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IdField } from '#contract';

export class PartyAsOfRequest {
  @ApiPropertyOptional({
    description: 'The record as it stood then: a cursor or an ISO-8601 instant, fixed ones only (a cursor up to the head of the log, an instant in the past)',
    example: '2025-08-01',
  })
  @IsOptional() @IsString() @MaxLength(40) knownAt?: string;
  @ApiPropertyOptional({ description: 'The name and parents in effect in the world at this instant', example: '2025-08-01' })
  @IsOptional() @IsString() @MaxLength(40) validAt?: string;
}

export class PartyDealsRequest {
  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOptional() @IdField() after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
