import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class FindPersonalDataRequest {
  @ApiProperty({ description: 'Part of the name, any case (at least 2 characters)', example: 'Obayashi' })
  @IsString() @MinLength(2) @MaxLength(300) name!: string;
}

export class ErasePersonalDataRequest {
  @ApiProperty({ description: 'The subject: the commitment events carry in place of the name (GET /admin/personal-data finds it)', pattern: '^[0-9a-f]{64}$' })
  @IsString() @Matches(/^[0-9a-f]{64}$/) subject!: string;
  @ApiProperty({ description: 'The request or rule the erasure answers: shown wherever the name was', maxLength: 500, example: 'GDPR Art. 17 request 2026-041' })
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}
