import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeyBook, forgetDisposedNames, legalHoldsInForce, LegalHoldBook, ProjectionAdmin, RetentionAdmin } from '#application';
import { ledgerProjections, type LedgerRuntime } from '#runtime';
import { AccessKeysHttpController } from './access-keys.http.controller.js';
import { AccessLogHttpController } from './access-log.http.controller.js';
import { AdminComponentsHttpController } from './admin-components.http.controller.js';
import { AdminProjectionsHttpController } from './admin-projections.http.controller.js';
import { PersonalDataHttpController } from './personal-data.http.controller.js';
import { LEGAL_HOLDS, PERSONAL_DATA_VAULT } from './records.tokens.js';
import { DealHoldsHttpController } from './deal-holds.http.controller.js';
import { LegalHoldsHttpController } from './legal-holds.http.controller.js';
import { AdminRetentionHttpController } from './admin-retention.http.controller.js';

/**
 * The admin routes (`/admin/…`): projection operations, retrying faulted parts, API keys, the
 * access log, and records management: legal holds (and the holds over one deal,
 * `/deals/:dealId/holds`), personal data and its erasure, retention and disposal.
 */
@Module({})
export class AdminModule {
  static forRuntime(runtime: LedgerRuntime): DynamicModule {
    return {
      module: AdminModule,
      controllers: [
        AdminProjectionsHttpController,
        AdminComponentsHttpController,
        AccessKeysHttpController,
        AccessLogHttpController,
        PersonalDataHttpController,
        LegalHoldsHttpController,
        DealHoldsHttpController,
        AdminRetentionHttpController,
      ],
      providers: [
        { provide: ProjectionAdmin, useValue: runtime.projectionAdmin },
        { provide: ApiKeyBook, useValue: new ApiKeyBook(runtime.store, runtime.keyEvents) },
        { provide: PERSONAL_DATA_VAULT, useValue: runtime.personalData.vault },
        { provide: LEGAL_HOLDS, useValue: legalHoldsInForce(runtime.store) },
        // A deal may name a party before it is registered: a hold on it is still a hold on something on record.
        { provide: LegalHoldBook, useValue: new LegalHoldBook(runtime.store, (partyId) => runtime.dealReader.listDeals({ party: partyId, limit: 1 }).items.length > 0) },
        {
          provide: RetentionAdmin,
          useValue: new RetentionAdmin(runtime.store, runtime.retention, legalHoldsInForce(runtime.store), runtime.clock, runtime.projectionAdmin, ledgerProjections(), () =>
            forgetDisposedNames(runtime.store, runtime.personalData.vault),
          ),
        },
      ],
    };
  }
}
