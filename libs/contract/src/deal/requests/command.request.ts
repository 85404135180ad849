import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IdField } from './common.request.js';

/** Every command body may carry its idempotency key (the `Idempotency-Key` header wins). */
export abstract class CommandRequest {
  @ApiPropertyOptional({ description: 'Idempotency key; a repeat returns the first result and writes nothing' })
  @IsOptional()
  @IdField()
  commandId?: string;
}
