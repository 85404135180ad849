import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeyBook, ProjectionAdmin } from '#application';
import type { LedgerRuntime } from '#runtime';
import { AccessKeysHttpController } from './access-keys.http.controller.js';
import { AccessLogHttpController } from './access-log.http.controller.js';
import { AdminComponentsHttpController } from './admin-components.http.controller.js';
import { AdminProjectionsHttpController } from './admin-projections.http.controller.js';
import { PersonalDataHttpController } from './personal-data.http.controller.js';
import { LEGAL_HOLDS, PERSONAL_DATA_VAULT, type LegalHoldsInForce } from './records.tokens.js';

/** The admin routes (`/admin/…`): projection operations, retrying faulted parts, API keys, the access log. */
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
      ],
      providers: [
        { provide: ProjectionAdmin, useValue: runtime.projectionAdmin },
        { provide: ApiKeyBook, useValue: new ApiKeyBook(runtime.store, runtime.keyEvents) },
        { provide: PERSONAL_DATA_VAULT, useValue: runtime.personalData.vault },
        { provide: LEGAL_HOLDS, useValue: (async () => []) satisfies LegalHoldsInForce },
      ],
    };
  }
}
