import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PartyView } from '#application';
import type { PartyDirectoryPage } from '#projections';
import { PARTY_KINDS, type PartyKind } from '#domain';
import { SourceRequest, withCursor } from '#contract';
import { StaleAnswer, StaleMember } from '../http/stale/stale-answer.js';

export class PartyNameAnswer {
  @ApiProperty({ example: 'Iwatani Corporation' }) name!: string;
  @ApiPropertyOptional({ description: 'When the name took effect; absent for the registered name, which holds from the start' })
  effectiveAt?: string;
  @ApiProperty({ description: 'When the source reported it' }) reportedAt!: string;
  @ApiProperty({ description: 'When the ledger recorded it (the commit time)' }) recordedAt!: string;
  @ApiProperty({ type: SourceRequest }) source!: SourceRequest;
}

export class ParentLinkAnswer {
  @ApiProperty({ example: 'carester' }) parentId!: string;
  @ApiProperty({ description: 'When the link began' }) from!: string;
  @ApiPropertyOptional({ description: 'When the link ended; absent while it is open' }) until?: string;
}

export class PartyAsOfAnswer {
  @ApiPropertyOptional({ description: 'The moment of the record asked about, as given' }) knownAt?: string;
  @ApiPropertyOptional({ description: 'The instant of the world asked about' }) validAt?: string;
}

/** Who a party is: what a party answer and a directory entry both say. */
class PartyIdentityAnswer {
  @ApiProperty({ example: 'iwatani' }) partyId!: string;
  @ApiProperty({ description: 'The name in effect at validAt (without it, the latest in effect)' }) name!: string;
  @ApiProperty({ enum: PARTY_KINDS }) kind!: PartyKind;
  @ApiPropertyOptional({ example: 'JP' }) country?: string;
  @ApiPropertyOptional({ example: '506700GE1G29325QX363' }) lei?: string;
  @ApiProperty({ type: [String] }) aliases!: string[];
  @ApiProperty({ description: 'When the ledger recorded the registration' }) registeredAt!: string;
  @ApiProperty({ description: "The stream's revision at the moment asked: now, send it as If-Match" }) revision!: number;
}

/** A party as its stream says, now or as of a moment. */
export class PartyAnswer extends PartyIdentityAnswer {
  @ApiProperty({ type: [PartyNameAnswer], description: 'Every name on record, the registered one first, with its three dates' })
  names!: PartyNameAnswer[];
  @ApiProperty({ type: [ParentLinkAnswer], description: 'Parent links (with validAt, those in effect then)' }) parents!: ParentLinkAnswer[];
  @ApiProperty({ description: "The cursor of the party's last event on record then", example: '42' }) position!: string;
  @ApiPropertyOptional({ type: PartyAsOfAnswer }) asOf?: PartyAsOfAnswer;
}

export function partyAnswer(view: PartyView, asOf?: PartyAsOfAnswer): PartyAnswer {
  return { ...withCursor(view), ...(asOf !== undefined ? { asOf } : {}) };
}

/** A party as the directory lists it: enough to find it and name it on a deal by its id. */
export class PartyDirectoryAnswer extends PartyIdentityAnswer {
  @ApiProperty({ type: [String], description: 'Its other names, registered or renamed, in record order' }) otherNames!: string[];
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ example: '42', description: "The cursor of the party's last event" }) position!: string;
}

export class PartyPageAnswer {
  @ApiProperty({ type: [PartyDirectoryAnswer] }) items!: PartyDirectoryAnswer[];
  @ApiPropertyOptional({ description: 'Pass as `after` for the next page; absent on the last page' }) next?: string;
  @StaleMember() stale?: StaleAnswer;
}

export function partyPageAnswer(page: PartyDirectoryPage): PartyPageAnswer {
  return { ...page, items: page.items.map(withCursor) };
}
