import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LEI_PATTERN } from '#domain';
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

/** A page of a list keyed by id: `GET /parties`, `GET /parties/:partyId/deals`. */
export class PageRequest {
  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOptional() @IdField() after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ListPartiesRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'Only parties one of whose names or aliases contains this text (case-insensitive)', example: 'iwatani' })
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ description: 'Only parties with this LEI (more than one: the same legal entity registered twice)', example: '506700GE1G29325QX363' })
  @IsOptional() @IsString() @Matches(LEI_PATTERN, { message: 'lei must be 18 characters of A-Z 0-9 and two check digits' }) lei?: string;
}
