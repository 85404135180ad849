import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  isObject,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
  IsDefined,
  type ValidationOptions,
} from 'class-validator';
import {
  DATE_PRECISIONS,
  ID_PATTERN,
  MEASURE_KINDS,
  QUALIFIERS,
  RANGE_MAX_QUALIFIERS,
  RANGE_MIN_QUALIFIERS,
  SOURCE_TIERS,
  STAGES,
  type Conversion,
  type DatePrecision,
  type Estimate,
  type ExchangeRate,
  type FigureReport,
  type FigureValue,
  type Measure,
  type MeasureKind,
  type Qualifier,
  type RangeMaxQualifier,
  type RangeMinQualifier,
  type Source,
  type SourceTier,
  type Stage,
} from '#domain';
import type { Holds, SameMembers } from './members-match.js';

/**
 * Request shapes shared by the fact routes. They check types and shape; the domain
 * checks meaning (ISO currencies, ranges, qualifiers) and names the same field paths.
 * Amounts are decimal strings: a JSON number would pass through a float.
 */

/** An object, or nothing (a missing one is left to the domain, which names it). */
const ObjectIfPresent = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'objectIfPresent',
      validator: {
        validate: (value: unknown) => value === undefined || isObject(value),
        defaultMessage: (args) => `${options?.each ? 'each value in ' : ''}${args?.property ?? 'it'} must be an object`,
      },
    },
    options,
  );

/**
 * Where one nested object of `type` belongs (or, with `each`, an array of them): required
 * unless the property is also `@IsOptional()`. Never ValidateNested alone: it lets a missing
 * object through (to code that then reads its fields: a 500 instead of a 400 naming it) and
 * an array through (checking each element) to code that expects an object.
 */
export const NestedObject =
  (type: () => new () => object, options?: { each: true }): PropertyDecorator =>
  (target, key) => {
    // In the order the decorators written one after another were applied.
    Type(type)(target, key);
    ValidateNested(options)(target, key);
    ObjectIfPresent(options)(target, key);
    IsDefined()(target, key);
  };

export const IdField = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  Matches(ID_PATTERN, { message: `${String(key)} must be 1–100 characters of A-Z a-z 0-9 . _ -` })(target, key);
};

export const TextField = (maxLength = 2000): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  IsNotEmpty()(target, key);
  MaxLength(maxLength)(target, key);
};

export const DecimalField = (): PropertyDecorator => (target, key) => {
  IsString({ message: `${String(key)} must be a decimal string such as "110000000" (not a JSON number)` })(target, key);
  MaxLength(64)(target, key);
};

export class SourceRequest {
  @ApiProperty({ example: 'Reuters' }) @TextField(200) publisher!: string;
  @ApiPropertyOptional() @IsOptional() @TextField(500) title?: string;
  @ApiPropertyOptional() @IsOptional() @TextField(2000) url?: string;
  @ApiPropertyOptional({ example: '2025-03-17T06:00:00Z' }) @IsOptional() @IsString() @MaxLength(40) publishedAt?: string;
  @ApiPropertyOptional({ example: 'a JOGMEC official' }) @IsOptional() @TextField(300) attribution?: string;
  @ApiProperty({ enum: SOURCE_TIERS }) @IsIn(SOURCE_TIERS) tier!: SourceTier;
  @ApiPropertyOptional({ example: 'Reuters' }) @IsOptional() @TextField(200) citedBy?: string;
}

/**
 * Flat on purpose (no `oneOf`): `kind` plus the fields of every kind; toDomain turns it into
 * the domain's union and refuses the fields of another kind by name.
 */
export class MeasureRequest {
  @ApiProperty({ enum: MEASURE_KINDS }) @IsIn(MEASURE_KINDS) kind!: MeasureKind;
  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217: money and unit_price' })
  @IsOptional() @IsString() @MaxLength(3) currency?: string;
  @ApiPropertyOptional({
    example: 't',
    description:
      'quantity and unit_price: a symbol from the unit table (t, kg, troy oz, MWh, GW…); duration: year, month, week or day (optional when the amount is an ISO 8601 duration such as P7Y)',
  })
  @IsOptional() @TextField(50) unit?: string;
  @ApiPropertyOptional({ example: 'year', description: 'quantity only: the period a rate applies to (year, month, day, hour)' })
  @IsOptional() @TextField(50) per?: string;
  @ApiPropertyOptional({ example: 'warrants', description: 'count only: what is counted' })
  @IsOptional() @TextField(200) of?: string;
  @ApiPropertyOptional({ enum: DATE_PRECISIONS, description: 'date only: year (2027), quarter (2027-Q3), month (2027-09) or day (2027-09-15)' })
  @IsOptional() @IsIn(DATE_PRECISIONS) precision?: DatePrecision;
}

export class EstimateRequest {
  @ApiProperty({ example: 'Benchmark Mineral Intelligence', description: 'who estimated' }) @TextField(200) by!: string;
  @ApiPropertyOptional({ example: 'from the offtake volume at spot prices' }) @IsOptional() @TextField(500) basis?: string;
}

export class ExchangeRateRequest {
  @ApiProperty({ example: 'USD' }) @IsString() @MaxLength(3) base!: string;
  @ApiProperty({ example: 'EUR' }) @IsString() @MaxLength(3) quote!: string;
  @ApiProperty({ example: '0.9188' }) @DecimalField() value!: string;
}

export class ConversionRequest {
  @ApiProperty({ example: 'USD' }) @IsString() @MaxLength(3) currency!: string;
  @ApiProperty({ example: '120000000' }) @DecimalField() amount!: string;
  // Required, but by the domain: a conversion without its rate is refused there by name
  // (MONEY.CONVERSION_WITHOUT_RATE), for a request and an import line alike.
  @ApiProperty({ type: ExchangeRateRequest })
  @IsOptional() @NestedObject(() => ExchangeRateRequest) rate!: ExchangeRateRequest;
  @ApiPropertyOptional({ example: 'publisher' }) @IsOptional() @TextField(200) convertedBy?: string;
}

export class FigureValueRequest {
  @ApiProperty({ type: MeasureRequest }) @NestedObject(() => MeasureRequest) measure!: MeasureRequest;
  @ApiProperty({ enum: QUALIFIERS }) @IsIn(QUALIFIERS) qualifier!: Qualifier;
  @ApiPropertyOptional({ enum: RANGE_MIN_QUALIFIERS, description: 'range only: how the lower bound was reported' })
  @IsOptional() @IsIn(RANGE_MIN_QUALIFIERS) minQualifier?: RangeMinQualifier;
  @ApiPropertyOptional({ enum: RANGE_MAX_QUALIFIERS, description: 'range only: how the upper bound was reported' })
  @IsOptional() @IsIn(RANGE_MAX_QUALIFIERS) maxQualifier?: RangeMaxQualifier;
  @ApiPropertyOptional({
    example: '110000000',
    description: 'a decimal string; a date measure: 2027, 2027-Q3, 2027-09 or 2027-09-15; a duration: a decimal or an ISO 8601 duration such as P7Y',
  })
  @IsOptional() @DecimalField() amount?: string;
  @ApiPropertyOptional() @IsOptional() @DecimalField() min?: string;
  @ApiPropertyOptional() @IsOptional() @DecimalField() max?: string;
  @ApiPropertyOptional({ description: 'text measure only' }) @IsOptional() @TextField(2000) text?: string;
  @ApiPropertyOptional({ type: [ConversionRequest] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @NestedObject(() => ConversionRequest, { each: true })
  conversions?: ConversionRequest[];
  @ApiPropertyOptional({ example: 'declined to comment' }) @IsOptional() @TextField(500) note?: string;
  @ApiPropertyOptional({ type: EstimateRequest, description: 'set when the value is an estimate, not what a source reported' })
  @IsOptional() @NestedObject(() => EstimateRequest) estimate?: EstimateRequest;
}

/** A figure as first reported. `figureId` is derived from the command id when omitted. */
export class FigureReportRequest {
  @ApiPropertyOptional({ example: 'investment-amount' }) @IsOptional() @IdField() figureId?: string;
  @ApiProperty({ type: FigureValueRequest }) @NestedObject(() => FigureValueRequest) value!: FigureValueRequest;
  @ApiProperty({ type: SourceRequest }) @NestedObject(() => SourceRequest) source!: SourceRequest;
  @ApiProperty({ example: '2025-03-17T06:00:00Z' }) @IsString() @MaxLength(40) reportedAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) effectiveAt?: string;
  @ApiPropertyOptional({ enum: STAGES, description: 'where the agreement or facility stood when reported' })
  @IsOptional() @IsIn(STAGES) stage?: Stage;
}

export const IdList = (max = 50): PropertyDecorator => (target, key) => {
  IsArray()(target, key);
  ArrayMaxSize(max)(target, key);
  IsString({ each: true })(target, key);
  Matches(ID_PATTERN, { each: true, message: `each of ${String(key)} must be 1–100 characters of A-Z a-z 0-9 . _ -` })(
    target,
    key,
  );
};

export const TextList = (max = 50): PropertyDecorator => (target, key) => {
  IsArray()(target, key);
  ArrayMaxSize(max)(target, key);
  IsString({ each: true })(target, key);
  IsNotEmpty({ each: true })(target, key);
  MaxLength(200, { each: true })(target, key);
};

/** The request shapes above name exactly the members of the domain values they become. */
export type FigureRequestsMatchDomain = [
  Holds<SameMembers<SourceRequest, Source>>,
  Holds<SameMembers<MeasureRequest, Measure>>,
  Holds<SameMembers<ExchangeRateRequest, ExchangeRate>>,
  Holds<SameMembers<ConversionRequest, Conversion>>,
  Holds<SameMembers<EstimateRequest, Estimate>>,
  Holds<SameMembers<FigureValueRequest, FigureValue>>,
  Holds<SameMembers<FigureReportRequest, FigureReport>>,
];
