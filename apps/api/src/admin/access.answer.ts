import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccessLogEntry, AccessLogPage, ApiKeyRecord, AuditReadKind } from '#application';
import { ROLES, type Role } from '#domain';
import { AUDIT_READ_KINDS } from './access.request.js';

/** A key's record as shown to people: everything but its hash (keyView in #application). */
export class KeyAnswer implements Omit<ApiKeyRecord, 'sha256'> {
  @ApiProperty() keyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() issuedAt!: string;
  @ApiProperty() issuedBy!: string;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
}

export class IssuedKeyAnswer extends KeyAnswer {
  @ApiProperty({ description: 'The key: in this answer and nowhere else' }) key!: string;
}

export class KeyListAnswer {
  @ApiProperty({ type: [KeyAnswer] }) items!: KeyAnswer[];
}

export class AccessLogEntryAnswer implements AccessLogEntry {
  @ApiProperty() seq!: number;
  @ApiProperty() at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ enum: AUDIT_READ_KINDS }) kind!: AuditReadKind;
  @ApiProperty() resource!: string;
  @ApiProperty({ type: String, nullable: true }) dealId!: string | null;
  @ApiProperty({ description: 'The HTTP status answered' }) status!: number;
  @ApiProperty({ description: 'Which credential the reader used' }) credential!: string;
}

export class AccessLogPageAnswer {
  @ApiProperty({ type: [AccessLogEntryAnswer] }) items!: AccessLogEntryAnswer[];
  @ApiPropertyOptional({ description: 'Pass as `after` for the next page' }) next?: number;
}

export const accessLogPageAnswer = (page: AccessLogPage): AccessLogPageAnswer => ({
  items: page.items,
  ...(page.next !== undefined ? { next: page.next } : {}),
});
