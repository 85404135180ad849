import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Erasure, VaultEntry } from '#application';

export class PersonalDataSubjectAnswer {
  @ApiProperty({ description: 'The commitment events carry in place of the name' }) subject!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'When the ledger first kept the name' }) sealedAt!: string;
  @ApiProperty({ type: [String], description: 'The streams whose events name it' }) streams!: string[];
}

export class PersonalDataSubjectsAnswer {
  @ApiProperty({ type: [PersonalDataSubjectAnswer] }) items!: PersonalDataSubjectAnswer[];
}

export class ErasureAnswer implements Erasure {
  @ApiProperty() subject!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'When the erasure was recorded' }) erasedAt!: string;
  @ApiProperty({ description: 'The PersonalDataErased.v1 event in the records-personal-data stream (published to subscribers of the records category)' }) erasureId!: string;
  @ApiProperty({ type: [String], description: 'The streams whose events named the subject: they now read "erased on … under …"' }) streams!: string[];
  @ApiPropertyOptional() wording?: string;
}

export const personalDataSubjectAnswer = (entry: VaultEntry): PersonalDataSubjectAnswer => ({
  subject: entry.commitment,
  name: entry.name?.text ?? '',
  sealedAt: entry.sealedAt,
  streams: entry.streams,
});
