import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class RetryComponentsRequest {
  @ApiPropertyOptional({
    description: 'Why: recorded with the action in the admin-components stream',
    maxLength: 500,
    example: 'freed space on the data volume',
  })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}
