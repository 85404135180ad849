import { Module, type DynamicModule } from '@nestjs/common';
import { ProjectionAdmin } from '#application';
import { AdminAccessGuard } from '../auth/admin-access.guard.js';
import type { LedgerRuntime } from '../infrastructure/ledger-runtime.js';
import { AdminProjectionsHttpController } from './admin-projections.http.controller.js';

/** The admin routes (`/admin/…`), over the runtime's projection operations. */
@Module({})
export class AdminModule {
  static forRuntime(runtime: LedgerRuntime): DynamicModule {
    return {
      module: AdminModule,
      controllers: [AdminProjectionsHttpController],
      providers: [{ provide: ProjectionAdmin, useValue: runtime.projectionAdmin }, AdminAccessGuard],
    };
  }
}
