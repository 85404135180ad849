import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IdField } from '#contract';

export class ListDealsRequest {
  @ApiPropertyOptional({ description: 'Only deals with this party id', example: 'jogmec' })
  @IsOptional() @IdField() party?: string;
  @ApiPropertyOptional({ description: 'Only deals in this commodity (case-insensitive)', example: 'dysprosium' })
  @IsOptional() @IsString() @MaxLength(200) commodity?: string;
  @ApiPropertyOptional({ description: 'Only deals whose title contains this text (case-insensitive)', example: 'caremag' })
  @IsOptional() @IsString() @MaxLength(200) title?: string;
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
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: Server-Sent Events, history then live (see /subscriptions/events)' })
  @IsOptional() @IsIn(['true', 'false']) follow?: 'true' | 'false';
  @ApiPropertyOptional({ description: 'With follow: `start` (default), `end` or a cursor; Last-Event-ID wins' })
  @IsOptional() @IsString() @MaxLength(40) from?: string;
}

export class DealAsOfRequest {
  @ApiPropertyOptional({
    description: 'The record as it stood then: a cursor or an ISO-8601 instant, fixed ones only (a cursor up to the head of the log, an instant in the past)',
    example: '2025-08-01',
  })
  @IsOptional() @IsString() @MaxLength(40) knownAt?: string;
  @ApiPropertyOptional({ description: 'The values in effect in the world at this instant', example: '2025-08-01' })
  @IsOptional() @IsString() @MaxLength(40) validAt?: string;
  @ApiPropertyOptional({
    description: 'Read your writes: the `position` a write answered; the read waits until this replica has applied it',
    example: '13',
  })
  @IsOptional() @IsString() @MaxLength(40) minPosition?: string;
}
