import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class RegulatorExportRangeRequest {
  @ApiProperty({ description: 'Events recorded at or after this ISO 8601 instant (with a zone)', example: '2025-08-01T00:00:00Z' })
  @IsString()
  @MaxLength(40)
  from!: string;

  @ApiProperty({ description: 'Events recorded before this ISO 8601 instant (with a zone)', example: '2026-01-01T00:00:00Z' })
  @IsString()
  @MaxLength(40)
  to!: string;
}
