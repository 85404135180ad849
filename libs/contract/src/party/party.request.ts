import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LEI_PATTERN, PARTY_KINDS, type PartyKind } from '#domain';
import { IdField, TextField } from '../deal/requests/common.request.js';
import { ReportedRequest } from '../deal/requests/reported.request.js';
import { definePartyCommandRoute } from './party-command-route.js';

/**
 * The bodies of the party routes. They check types and shape; the domain checks meaning
 * (the LEI's check digits, dates, a rename that changes nothing) and names the same fields.
 */

export class RegisterPartyRequest extends ReportedRequest {
  @ApiProperty({ example: 'iwatani' }) @IdField() partyId!: string;
  @ApiProperty({ example: 'Iwatani Corporation' }) @TextField(300) name!: string;
  @ApiProperty({ enum: PARTY_KINDS }) @IsIn(PARTY_KINDS) kind!: PartyKind;
  @ApiPropertyOptional({ example: 'JP' }) @IsOptional() @IsString() @Matches(/^[A-Z]{2}$/) country?: string;
  @ApiPropertyOptional({ example: '506700GE1G29325QX363', description: 'ISO 17442; its check digits are verified' })
  @IsOptional() @IsString() @Matches(LEI_PATTERN, { message: 'lei must be 18 characters of A-Z 0-9 and two check digits' }) lei?: string;
}

export class RenamePartyRequest extends ReportedRequest {
  @ApiProperty({ example: 'Iwatani Corporation' }) @TextField(300) name!: string;
  @ApiProperty({ example: '2025-04-01', description: 'When the new name took effect; the ledger records when it learnt it' })
  @IsString() @MaxLength(40) effectiveAt!: string;
}

export class AddPartyAliasRequest extends ReportedRequest {
  @ApiProperty({ example: 'Iwatani' }) @TextField(300) alias!: string;
  @ApiPropertyOptional({ example: '2025-04-01' }) @IsOptional() @IsString() @MaxLength(40) effectiveAt?: string;
}

export class LinkPartyParentRequest extends ReportedRequest {
  @ApiProperty({ example: 'carester', description: 'A registered party' }) @IdField() parentId!: string;
  @ApiProperty({ example: '2022-06-01', description: 'When the party became a unit of the parent' })
  @IsString() @MaxLength(40) effectiveAt!: string;
}

export class EndPartyParentLinkRequest extends ReportedRequest {
  @ApiProperty({ example: '2026-01-01', description: 'When the party stopped being a unit of the parent' })
  @IsString() @MaxLength(40) effectiveAt!: string;
}

export const registerParty = definePartyCommandRoute({ command: 'RegisterParty', request: RegisterPartyRequest });
export const renameParty = definePartyCommandRoute({ command: 'RenameParty', request: RenamePartyRequest });
export const addPartyAlias = definePartyCommandRoute({ command: 'AddPartyAlias', request: AddPartyAliasRequest });
export const linkPartyParent = definePartyCommandRoute({ command: 'LinkPartyParent', request: LinkPartyParentRequest });
export const endPartyParentLink = definePartyCommandRoute({ command: 'EndPartyParentLink', request: EndPartyParentLinkRequest });
