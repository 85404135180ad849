import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const REASON = { description: 'Why: recorded with the action in the admin-projections stream', maxLength: 500 };

export class RebuildRequest {
  @ApiPropertyOptional({ ...REASON, example: 'restored events.sqlite from the 2025-11-20 backup' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}

/** Exactly one of `fromPosition` and `fromTime`. */
export class ReplayRequest {
  @ApiPropertyOptional({ description: 'Reprocess the events after this position (a cursor)', example: '1200' })
  @IsOptional() @IsString() @Matches(/^\d{1,16}$/, { message: 'fromPosition must be a cursor this ledger issued' })
  fromPosition?: string;
  @ApiPropertyOptional({ description: 'Reprocess the events recorded at or after this instant (ISO-8601)', example: '2025-11-20T08:00:00Z' })
  @IsOptional() @IsString() @MaxLength(40) fromTime?: string;
  @ApiPropertyOptional(REASON)
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}

export class RetryRequest {
  @ApiPropertyOptional({ ...REASON, example: 'deployed the fix for figure ordinals' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}

export class SkipRequest {
  @ApiProperty({ ...REASON, example: 'test event recorded by mistake; the deal was re-entered' })
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}
