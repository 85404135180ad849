import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LegalHold, LegalHoldScope, ReleasedLegalHold } from '#application';
import { HOLD_SCOPE_KINDS } from './legal-holds.request.js';

/** What a hold covers; the fields of its kind only. */
export class HoldScopeAnswer {
  @ApiProperty({ enum: HOLD_SCOPE_KINDS }) kind!: LegalHoldScope['kind'];
  @ApiPropertyOptional({ description: 'deal holds' }) dealId?: string;
  @ApiPropertyOptional({ description: 'party holds' }) partyId?: string;
  @ApiPropertyOptional({ description: 'recorded-range holds: first instant held (UTC, inclusive)' }) from?: string;
  @ApiPropertyOptional({ description: 'recorded-range holds: end of the range (UTC, exclusive)' }) to?: string;
}

export class HoldAnswer {
  @ApiProperty({ example: 'hold-3f9c2a7b1d4e6f80' }) holdId!: string;
  @ApiProperty({ type: HoldScopeAnswer }) scope!: HoldScopeAnswer;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The matter the hold serves (case, request or ticket number)' }) reference!: string;
  @ApiProperty({ description: 'When the ledger recorded the hold: in force since' }) placedAt!: string;
  @ApiProperty({ description: 'The admin who placed it' }) placedBy!: string;
  @ApiProperty({ description: 'false once released' }) inForce!: boolean;
  @ApiPropertyOptional({ description: 'Released holds: when the release was recorded' }) releasedAt?: string;
  @ApiPropertyOptional({ description: 'Released holds: the admin who released it' }) releasedBy?: string;
  @ApiPropertyOptional({ description: 'Released holds: why' }) releaseReason?: string;
}

export class HoldListAnswer {
  @ApiProperty({ type: [HoldAnswer], description: 'Holds in force in the order placed; with all=true, the released ones after them' })
  items!: HoldAnswer[];
}

export const holdAnswer = (hold: LegalHold | ReleasedLegalHold): HoldAnswer => ({
  holdId: hold.holdId,
  scope: hold.scope,
  reason: hold.reason,
  reference: hold.reference,
  placedAt: hold.placedAt,
  placedBy: hold.placedBy,
  inForce: !('releasedAt' in hold),
  ...('releasedAt' in hold ? { releasedAt: hold.releasedAt, releasedBy: hold.releasedBy, releaseReason: hold.releaseReason } : {}),
});
