import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RECORD_CATEGORIES, type RecordCategory } from '#application';

export class DisposeRecordsBody {
  @ApiProperty({ description: 'Why: recorded with the disposal in the admin-disposals stream', maxLength: 500, example: 'Past the six-year schedule (FINRA 4511)' })
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;

  @ApiPropertyOptional({ description: 'Say what would be disposed of and what is held, writing nothing', default: false })
  @IsOptional() @IsBoolean() dryRun?: boolean;

  @ApiPropertyOptional({ enum: RECORD_CATEGORIES, isArray: true, description: 'Only these categories (default: all)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(RECORD_CATEGORIES.length) @IsIn(RECORD_CATEGORIES, { each: true }) categories?: RecordCategory[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Only these records: a deal or party stream (deal-…, party-…) or an event id. A named record under a legal hold is refused (409 RECORDS.UNDER_LEGAL_HOLD), one not past retention too (409 RECORDS.NOT_PAST_RETENTION)',
  })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(200, { each: true }) records?: string[];
}
