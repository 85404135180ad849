import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PARTY_KINDS, PARTY_ROLES, type PartyKind, type PartyRole } from '#domain';
import { IdField, NestedObject, SourceRequest, TextField, TextList } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

/** A party as a deal command names it: leave out name and kind to take them from the party registry. */
export class PartyRequest {
  @ApiProperty({ example: 'jogmec', description: 'With name and kind left out, a party of the registry (POST /parties)' })
  @IdField()
  partyId!: string;
  @ApiPropertyOptional({ example: 'Japan Organization for Metals and Energy Security', description: 'The deal’s name for the party; left out, the registry’s name now' })
  @IsOptional()
  @TextField(300)
  name?: string;
  @ApiPropertyOptional({ enum: PARTY_KINDS, description: 'Left out with the name: the registry’s' }) @IsOptional() @IsIn(PARTY_KINDS) kind?: PartyKind;
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
