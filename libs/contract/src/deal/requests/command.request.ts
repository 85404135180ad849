import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateIf } from 'class-validator';
import type { PlausibilityOverride } from '#domain';
import { IdField, NestedObject, TextField } from './common.request.js';
import type { Holds, SameMembers } from './members-match.js';

export class PlausibilityOverrideRequest {
  @ApiProperty({ example: 'historical concession granted in 1936, as the decree states' }) @TextField(2000) reason!: string;
}

/** The override's request shape names exactly the members of the domain's. */
export type OverrideRequestMatchesDomain = Holds<SameMembers<PlausibilityOverrideRequest, PlausibilityOverride>>;

/**
 * Every command body may carry its idempotency key (the `Idempotency-Key` header wins) and
 * an override of the plausible window. Neither is a fact: both are taken out of the body
 * before it becomes a command, and the override's reason is kept in the event metadata.
 */
export abstract class CommandRequest {
  @ApiPropertyOptional({ description: 'Idempotency key; a repeat returns the first result and writes nothing' })
  @IsOptional()
  @IdField()
  commandId?: string;

  @ApiPropertyOptional({
    type: PlausibilityOverrideRequest,
    description: 'Records an effectiveAt outside the plausible window (LEDGER_EFFECTIVE_WINDOW); the reason is kept in the event metadata',
  })
  // Not IsOptional, which would let a null through as "absent": only a missing override is none.
  @ValidateIf((_request, value) => value !== undefined)
  @NestedObject(() => PlausibilityOverrideRequest)
  plausibilityOverride?: PlausibilityOverrideRequest;
}
