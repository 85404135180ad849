import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IdField, NestedObject, TextField } from '#contract';

const Cursors = (min: number): PropertyDecorator => (target, key) => {
  IsArray()(target, key);
  ArrayMinSize(min)(target, key);
  ArrayMaxSize(1000)(target, key);
  IsString({ each: true })(target, key);
  MaxLength(40, { each: true })(target, key);
};

const Names = (): PropertyDecorator => (target, key) => {
  IsOptional()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(100)(target, key);
  IsString({ each: true })(target, key);
  MaxLength(100, { each: true })(target, key);
};

export class SubscriptionFilterRequest {
  @ApiPropertyOptional({ example: ['deal'], description: '`deal`, `party`, `records`; every published category when absent (fixed when it is created)' })
  @Names() categories?: string[];
  @ApiPropertyOptional({ example: ['FigureRevised.v2', 'FigureCorrected.v2'], description: 'Types listed at /schemas' })
  @Names() types?: string[];
  @ApiPropertyOptional({ example: ['caremag-2025'] }) @Names() dealIds?: string[];
  @ApiPropertyOptional({ example: ['iwatani'], description: 'Party ids; given with dealIds, the events of any of those deals and parties (records events name neither)' })
  @Names() partyIds?: string[];
}

export class CreateDurableSubscriptionRequest {
  @ApiProperty({ example: 'risk-engine' }) @IdField() name!: string;
  @ApiPropertyOptional({ type: SubscriptionFilterRequest, description: 'Every criterion given must hold; each lists alternatives' })
  @IsOptional() @NestedObject(() => SubscriptionFilterRequest) filter?: SubscriptionFilterRequest;
  @ApiPropertyOptional({ example: 'start', description: '`start` (default), `end`, or a cursor (exclusive)' })
  @IsOptional() @IsString() @MaxLength(40) from?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 3, description: 'Nacks an event may have before it is parked' })
  @IsOptional() @IsInt() @Min(0) @Max(100) maxRetries?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Events delivered and not yet acked, at most' })
  @IsOptional() @IsInt() @Min(1) @Max(1000) maxInFlight?: number;
}

export class AckRequest {
  @ApiProperty({ example: ['42', '43'], description: 'Cursors of the events handled' }) @Cursors(1) cursors!: string[];
}

export class NackRequest {
  @ApiProperty({ example: '42' }) @IsString() @MaxLength(40) cursor!: string;
  @ApiPropertyOptional({ example: 'risk model rejected the figure' }) @IsOptional() @TextField(1000) reason?: string;
}

export class ReplayParkedRequest {
  @ApiPropertyOptional({ description: 'Cursors of the parked events to replay; all of them when absent' })
  @IsOptional() @Cursors(1) cursors?: string[];
}
