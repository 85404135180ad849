import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { AuditReadKind } from '#application';
import { ROLES, type Role } from '#domain';

export class IssueKeyRequest {
  @ApiProperty({ description: 'Who the key acts as: the actor on everything written with it', example: 'ingest-bot' })
  @IsString() @IsNotEmpty() @MaxLength(64) name!: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['writer'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true }) roles!: Role[];
}

export class RevokeKeyRequest {
  @ApiPropertyOptional({ description: 'Why: recorded with the revocation', maxLength: 500 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}

export const AUDIT_READ_KINDS: AuditReadKind[] = ['history', 'as-of', 'diff', 'changes', 'export', 'events'];

export class AccessLogRequest {
  @ApiPropertyOptional({ example: 'auditor-1' }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ example: 'caremag-2025' }) @IsOptional() @IsString() @MaxLength(100) dealId?: string;
  @ApiPropertyOptional({ enum: AUDIT_READ_KINDS }) @IsOptional() @IsIn(AUDIT_READ_KINDS) kind?: AuditReadKind;
  @ApiPropertyOptional({ description: 'Logged at or after this instant (ISO-8601)' }) @IsOptional() @IsString() @MaxLength(40) from?: string;
  @ApiPropertyOptional({ description: 'Logged at or before this instant (ISO-8601)' }) @IsOptional() @IsString() @MaxLength(40) to?: string;
  @ApiPropertyOptional({ enum: ['newest', 'oldest'], default: 'newest' }) @IsOptional() @IsIn(['newest', 'oldest']) order?: 'newest' | 'oldest';
  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) after?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
