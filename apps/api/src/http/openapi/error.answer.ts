import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from '#contract';

export class FieldErrorAnswer {
  @ApiProperty({ example: 'amount.value.measure' }) field!: string;
  @ApiProperty() message!: string;
}

/**
 * The error body every 4xx/5xx has, as OpenAPI shows it (the body itself is made by the
 * exception filter: `implements` keeps the two shapes the same).
 */
export class ErrorAnswer implements ErrorBody {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'REQUEST.VALIDATION_FAILED', description: 'Stable: clients branch on it' }) code!: string;
  @ApiProperty({ description: 'For people' }) message!: string;
  @ApiPropertyOptional({ description: 'The offending input, as a path into the request' }) field?: string;
  @ApiPropertyOptional({ type: [FieldErrorAnswer], description: 'Every problem found, when there were several' })
  errors?: FieldErrorAnswer[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}
