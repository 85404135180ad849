import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PARTY_KINDS, PARTY_ROLES, type PartyKind, type PartyRole } from '#domain';
import { IdField, NestedObject, SourceRequest, TextField, TextList } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class PartyRequest {
  @ApiProperty({ example: 'jogmec' }) @IdField() partyId!: string;
  @ApiProperty({ example: 'Japan Organization for Metals and Energy Security' }) @TextField(300) name!: string;
  @ApiProperty({ enum: PARTY_KINDS }) @IsIn(PARTY_KINDS) kind!: PartyKind;
  @ApiProperty({ enum: PARTY_ROLES, isArray: true })
  @IsArray() @ArrayMaxSize(PARTY_ROLES.length) @IsIn(PARTY_ROLES, { each: true }) roles!: PartyRole[];
  @ApiPropertyOptional({ example: 'JP' }) @IsOptional() @IsString() @Matches(/^[A-Z]{2}$/) country?: string;
}

export class RegisterDealRequest extends CommandRequest {
  @ApiProperty({ example: 'caremag-2025' }) @IdField() dealId!: string;
  @ApiProperty() @TextField(500) title!: string;
  @ApiProperty({ type: [PartyRequest] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @NestedObject(() => PartyRequest, { each: true })
  parties!: PartyRequest[];
  @ApiPropertyOptional() @IsOptional() @TextField(500) site?: string;
  @ApiProperty({ example: ['dysprosium', 'terbium'] }) @TextList() commodities!: string[];
  @ApiProperty({ type: SourceRequest }) @NestedObject(() => SourceRequest) source!: SourceRequest;
  @ApiProperty({ example: '2025-03-17T06:00:00Z' }) @IsString() reportedAt!: string;
}

export const registerDeal = defineDealCommandRoute({
  command: 'RegisterDeal',
  request: RegisterDealRequest,
});
