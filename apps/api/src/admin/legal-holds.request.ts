import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { LegalHoldScope, PlaceLegalHold } from '#application';
import { IdField, NestedObject, RequestValidationError, TextField } from '#contract';

export const HOLD_SCOPE_KINDS = ['deal', 'party', 'recorded'] as const;
type HoldScopeKind = (typeof HOLD_SCOPE_KINDS)[number];

/** The fields each kind of scope takes: any other field given is refused by name. */
const FIELDS_OF: Record<HoldScopeKind, readonly ('dealId' | 'partyId' | 'from' | 'to')[]> = {
  deal: ['dealId'],
  party: ['partyId'],
  recorded: ['from', 'to'],
};

/** Text a hold answers for: not empty, not blank. */
const HoldText = (maxLength: number): PropertyDecorator => (target, key) => {
  TextField(maxLength)(target, key);
  Matches(/\S/, { message: `${String(key)} must not be blank` })(target, key);
};

/**
 * Flat on purpose (no `oneOf`, as MeasureRequest): `kind` plus the fields of every kind;
 * holdScopeOf turns it into the union and refuses a missing field, or one of another kind, by name.
 */
export class HoldScopeRequest {
  @ApiProperty({ enum: HOLD_SCOPE_KINDS, description: 'deal: every record of one deal; party: every record involving one party; recorded: every record the ledger recorded in [from, to)' })
  @IsIn(HOLD_SCOPE_KINDS) kind!: HoldScopeKind;
  @ApiPropertyOptional({ example: 'caremag-2025', description: 'deal only: a deal on record' }) @IsOptional() @IdField() dealId?: string;
  @ApiPropertyOptional({ example: 'jogmec', description: 'party only: a registered party, or one a deal names' }) @IsOptional() @IdField() partyId?: string;
  @ApiPropertyOptional({ example: '2025-03-01', description: 'recorded only: first instant held (inclusive); a date-time needs its zone, a date alone is that day 00:00 UTC' })
  @IsOptional() @IsString() @MaxLength(40) from?: string;
  @ApiPropertyOptional({ example: '2025-04-01', description: 'recorded only: end of the range (exclusive), after `from`' })
  @IsOptional() @IsString() @MaxLength(40) to?: string;
}

export class PlaceHoldRequest {
  @ApiProperty({ type: HoldScopeRequest }) @NestedObject(() => HoldScopeRequest) scope!: HoldScopeRequest;
  @ApiProperty({ example: 'Litigation hold: records of the Caremag financing (hypothetical)', maxLength: 500 }) @HoldText(500) reason!: string;
  @ApiProperty({ example: 'CASE-2026-014', maxLength: 200, description: 'The matter the hold serves: a case, request or ticket number' })
  @HoldText(200) reference!: string;
}

export class ReleaseHoldRequest {
  @ApiProperty({ example: 'The case settled; counsel released the hold', maxLength: 500, description: 'Why: recorded with the release' })
  @HoldText(500) reason!: string;
}

export class ListHoldsRequest {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: released holds too, with who released each, when and why', default: 'false' })
  @IsOptional() @IsIn(['true', 'false']) all?: 'true' | 'false';
}

/** The request as the application's command: the scope's union, with no field of another kind. */
export function placeLegalHoldOf(body: PlaceHoldRequest): PlaceLegalHold {
  return { scope: holdScopeOf(body.scope), reason: body.reason, reference: body.reference };
}

function holdScopeOf(scope: HoldScopeRequest): LegalHoldScope {
  const own = FIELDS_OF[scope.kind];
  const problems = [
    ...own.filter((name) => scope[name] === undefined || scope[name] === null).map((name) => ({ field: `scope.${name}`, message: `scope.${name} is required for a ${scope.kind} hold` })),
    ...(['dealId', 'partyId', 'from', 'to'] as const)
      .filter((name) => !own.includes(name) && scope[name] !== undefined)
      .map((name) => ({ field: `scope.${name}`, message: `scope.${name} is not a field of a ${scope.kind} hold` })),
  ];
  if (problems.length > 0) throw new RequestValidationError(problems);
  switch (scope.kind) {
    case 'deal':
      return { kind: 'deal', dealId: scope.dealId! };
    case 'party':
      return { kind: 'party', partyId: scope.partyId! };
    case 'recorded':
      return { kind: 'recorded', from: scope.from!, to: scope.to! };
  }
}
