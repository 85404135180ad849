import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  APPLICATION_OPTIONS,
  DEAL_STATE_READER,
  EVENT_STORE,
  READ_MODEL_PROGRESS,
  applicationHandlers,
  defaultApplicationOptions,
  type ApplicationOptions,
} from '#application';
import { ProjectionRunner } from '#projections';
import { ApiKeyRegistry } from './auth/api-keys.js';
import { WriteAuthGuard } from './auth/write-auth.guard.js';
import { ChangeFiguresHttpController } from './deal/change-figures.http.controller.js';
import { DealCommandGateway } from './deal/deal-command.gateway.js';
import { ReadDealsHttpController } from './deal/read-deals.http.controller.js';
import { RecordFactsHttpController } from './deal/record-facts.http.controller.js';
import { RegisterDealHttpController } from './deal/register-deal.http.controller.js';
import { HealthHttpController } from './health.http.controller.js';
import { LedgerExceptionFilter } from './http/ledger-exception.filter.js';
import type { LedgerRuntime } from './infrastructure/ledger-runtime.js';

export interface AppModuleOptions {
  runtime: LedgerRuntime;
  apiKeys: ApiKeyRegistry;
  application?: Partial<ApplicationOptions>;
}

/** The application's handlers wired to one runtime (store, read models); no HTTP. */
@Module({})
export class LedgerCoreModule {
  static forRuntime(runtime: LedgerRuntime, application: Partial<ApplicationOptions> = {}): DynamicModule {
    const providers = [
      { provide: EVENT_STORE, useValue: runtime.store },
      { provide: READ_MODEL_PROGRESS, useValue: runtime.runner },
      { provide: ProjectionRunner, useValue: runtime.runner },
      { provide: DEAL_STATE_READER, useValue: runtime.dealReader },
      { provide: APPLICATION_OPTIONS, useValue: { ...defaultApplicationOptions, ...application } },
    ];
    return {
      module: LedgerCoreModule,
      imports: [CqrsModule.forRoot()],
      providers: [...providers, ...applicationHandlers],
      exports: [...providers.map((p) => p.provide), CqrsModule],
    };
  }
}

/** The HTTP API over the core. */
@Module({})
export class AppModule {
  static forRoot({ runtime, apiKeys, application }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [LedgerCoreModule.forRuntime(runtime, application)],
      controllers: [
        RegisterDealHttpController,
        RecordFactsHttpController,
        ChangeFiguresHttpController,
        ReadDealsHttpController,
        HealthHttpController,
      ],
      providers: [
        DealCommandGateway,
        { provide: ApiKeyRegistry, useValue: apiKeys },
        { provide: APP_GUARD, useClass: WriteAuthGuard },
        { provide: APP_FILTER, useClass: LedgerExceptionFilter },
      ],
    };
  }
}
