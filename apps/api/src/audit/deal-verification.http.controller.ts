import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Database } from 'better-sqlite3';
import {
  EVENT_STORE,
  LEDGER_SIGNER,
  READ_MODEL_DATABASE,
  TAMPER_EVIDENCE_SETTINGS,
  TransparencyLog,
  verifyDeal,
  type LedgerSigner,
  type TamperEvidenceSettings,
} from '#application';
import type { EventStore } from '#event-store';
import { DealVerificationAnswer, dealVerificationAnswer } from './deal-verification.answer.js';

/** One deal's proof, for the people who rely on its answers. */
@ApiTags('audit')
@Controller('deals/:dealId')
export class DealVerificationHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly log: TransparencyLog,
    @Inject(READ_MODEL_DATABASE) private readonly readModels: Database,
    @Inject(LEDGER_SIGNER) private readonly signer: LedgerSigner,
    @Inject(TAMPER_EVIDENCE_SETTINGS) private readonly settings: TamperEvidenceSettings,
  ) {}

  @Get('verification')
  @ApiOperation({
    summary:
      "This deal's events chained and proved in the latest signed checkpoint (signed, cosigned, timestamped), " +
      'those not checkpointed yet, and its read-model rows against a fresh fold of its events',
  })
  @ApiOkResponse({ type: DealVerificationAnswer })
  async verification(@Param('dealId') dealId: string): Promise<DealVerificationAnswer> {
    const v = await verifyDeal(this.store, this.log, this.readModels, dealId, {
      ledgerKey: this.signer.verifierKey,
      ...(this.settings.tsa?.trustAnchorsPem ? { tsaTrustAnchorsPem: this.settings.tsa.trustAnchorsPem } : {}),
    });
    return dealVerificationAnswer(v);
  }
}
