import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeyBook, legalHoldSourceOf, ProjectionAdmin, RetentionAdmin } from '#application';
import { ledgerProjections, type LedgerRuntime } from '#runtime';
import { AccessKeysHttpController } from './access-keys.http.controller.js';
import { AccessLogHttpController } from './access-log.http.controller.js';
import { AdminComponentsHttpController } from './admin-components.http.controller.js';
import { AdminProjectionsHttpController } from './admin-projections.http.controller.js';
import { AdminRetentionHttpController } from './admin-retention.http.controller.js';

/** The admin routes (`/admin/…`): projection operations, retrying faulted parts, API keys, the access log, retention. */
@Module({})
export class AdminModule {
  static forRuntime(runtime: LedgerRuntime): DynamicModule {
    return {
      module: AdminModule,
      controllers: [AdminProjectionsHttpController, AdminComponentsHttpController, AccessKeysHttpController, AccessLogHttpController, AdminRetentionHttpController],
      providers: [
        { provide: ProjectionAdmin, useValue: runtime.projectionAdmin },
        { provide: ApiKeyBook, useValue: new ApiKeyBook(runtime.store, runtime.keyEvents) },
        {
          provide: RetentionAdmin,
          useValue: new RetentionAdmin(runtime.store, runtime.retention, legalHoldSourceOf(runtime.store), runtime.clock, runtime.projectionAdmin, ledgerProjections()),
        },
      ],
    };
  }
}
