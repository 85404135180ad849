import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AccessLog,
  APPLICATION_OPTIONS,
  FoldedStreamCache,
  PersonalDataResolver,
  ComponentAdmin,
  AUDIT_READER,
  CLOCK,
  DEAL_STATE_READER,
  PARTY_DIRECTORY_READER,
  EVENT_STORE,
  READ_MODEL_PROGRESS,
  TAMPER_EVIDENCE_SETTINGS,
  LEDGER_SIGNER,
  READ_MODEL_DATABASE,
  SELF_HEALING,
  TransparencyLog,
  DURABLE_SUBSCRIPTION_STATES,
  applicationHandlers,
  defaultApplicationOptions,
  type ApplicationOptions,
} from '#application';
import { ProjectionRunner } from '#projections';
import { ApiKeyRegistry, AppendObservations, DEFAULT_OPERATIONS, DEFAULT_RATE_LIMIT, type JwtVerifier, type LedgerRuntime, type OperationsSettings, type RateLimit } from '#runtime';
import { AuditChangesHttpController } from './audit/audit-changes.http.controller.js';
import { DealAuditHttpController } from './audit/deal-audit.http.controller.js';
import { LedgerVerificationRuns } from './audit/ledger-verification.runs.js';
import { EvidenceExports } from './audit/evidence-exports.js';
import { VerifyHttpController } from './audit/verify.http.controller.js';
import { EvidenceBundleHttpController } from './audit/evidence-bundle.http.controller.js';
import { RegulatorExportHttpController } from './audit/regulator-export.http.controller.js';
import { CHECKPOINT_SIGNING } from './audit/evidence-bundle.tokens.js';
import { CheckpointsHttpController } from './audit/checkpoints.http.controller.js';
import { ProofsHttpController } from './audit/proofs.http.controller.js';
import { DealVerificationHttpController } from './audit/deal-verification.http.controller.js';
import { AccessGuard, JWT_VERIFIER } from './auth/access.guard.js';
import { AuditReadLogInterceptor } from './auth/audit-read-log.interceptor.js';
import { IdentityRateLimitGuard, RATE_LIMIT } from './auth/identity-rate-limit.js';
import { ChangeFiguresHttpController } from './deal/change-figures.http.controller.js';
import { DealCommandGateway } from './deal/deal-command.gateway.js';
import { ReadDealsHttpController } from './deal/read-deals.http.controller.js';
import { RecordFactsHttpController } from './deal/record-facts.http.controller.js';
import { RecordInstrumentsHttpController } from './deal/record-instruments.http.controller.js';
import { RelateDealHttpController } from './deal/relate-deal.http.controller.js';
import { RegisterDealHttpController } from './deal/register-deal.http.controller.js';
import { HealthHttpController } from './health.http.controller.js';
import { PartyCommandGateway } from './party/party-command.gateway.js';
import { ReadPartiesHttpController } from './party/read-parties.http.controller.js';
import { WritePartiesHttpController } from './party/write-parties.http.controller.js';
import { LedgerMetrics } from './metrics/ledger-metrics.js';
import { MetricsHttpController } from './metrics/metrics.http.controller.js';
import { OPERATIONS_SETTINGS } from './observability/operations-settings.token.js';
import { ShutdownState } from './observability/shutdown-state.js';
import { VerificationOutcomes } from './observability/verification-outcomes.js';
import { VerificationSchedule } from './observability/verification-schedule.js';
import { LedgerExceptionFilter } from './http/ledger-exception.filter.js';
import { ReadYourWrites } from './http/read-your-writes.js';
import { ReadModelFreshness } from './http/stale/read-model-freshness.js';
import type { SubscriptionOptions } from './subscriptions/subscription-options.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { AdminModule } from './admin/admin.module.js';

export interface AppModuleOptions {
  runtime: LedgerRuntime;
  apiKeys: ApiKeyRegistry;
  /** Verifies bearer JWTs; without it only API keys are accepted. */
  jwt?: JwtVerifier;
  /** Requests per identity per window (default: see identity-rate-limit.ts). */
  rateLimit?: RateLimit;
  application?: Partial<ApplicationOptions>;
  subscriptions?: SubscriptionOptions;
  /** Readiness bound and shutdown grace (default: DEFAULT_OPERATIONS). */
  operations?: OperationsSettings;
}

/**
 * The application's handlers wired to one runtime (store, read models); no HTTP. Global:
 * the admin and subscription modules use its access log too, one instance for all.
 */
@Module({})
export class LedgerCoreModule {
  static forRuntime(runtime: LedgerRuntime, application: Partial<ApplicationOptions> = {}): DynamicModule {
    const providers = [
      { provide: EVENT_STORE, useValue: runtime.store },
      { provide: READ_MODEL_PROGRESS, useValue: runtime.runner },
      { provide: DEAL_STATE_READER, useValue: runtime.dealReader },
      { provide: PARTY_DIRECTORY_READER, useValue: runtime.partyReader },
      { provide: AUDIT_READER, useValue: runtime.auditReader },
      { provide: CLOCK, useValue: runtime.clock },
      {
        provide: APPLICATION_OPTIONS,
        useValue: { ...defaultApplicationOptions, personalData: runtime.personalData.sealer, foldedStreams: new FoldedStreamCache(), ...application },
      },
      { provide: PersonalDataResolver, useValue: runtime.personalData.resolver },
      { provide: AccessLog, useValue: new AccessLog(runtime.store) },
      // The runtime's own list, read at each request: parts started after the app (the
      // checkpoint schedule) and by the app (the key follower, the event feed) join it.
      { provide: SELF_HEALING, useValue: runtime.selfHealing },
      { provide: ComponentAdmin, useClass: ComponentAdmin },
    ];
    return {
      module: LedgerCoreModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [...providers, ...applicationHandlers],
      exports: [...providers.map((p) => p.provide), CqrsModule],
    };
  }
}

/** The HTTP API over the core. */
@Module({})
export class AppModule {
  static forRoot({ runtime, apiKeys, jwt, rateLimit, application, subscriptions, operations }: AppModuleOptions): DynamicModule {
    if (!runtime.selfHealing.includes(apiKeys)) runtime.selfHealing.push(apiKeys);
    return {
      module: AppModule,
      imports: [
        LedgerCoreModule.forRuntime(runtime, application),
        SubscriptionsModule.forRuntime(runtime, apiKeys, subscriptions),
        AdminModule.forRuntime(runtime),
      ],
      controllers: [
        RegisterDealHttpController,
        RecordFactsHttpController,
        RecordInstrumentsHttpController,
        RelateDealHttpController,
        ChangeFiguresHttpController,
        ReadDealsHttpController,
        WritePartiesHttpController,
        ReadPartiesHttpController,
        HealthHttpController,
        MetricsHttpController,
        DealAuditHttpController,
        AuditChangesHttpController,
        VerifyHttpController,
        CheckpointsHttpController,
        ProofsHttpController,
        DealVerificationHttpController,
        EvidenceBundleHttpController,
        RegulatorExportHttpController,
      ],
      providers: [
        DealCommandGateway,
        PartyCommandGateway,
        ReadYourWrites,
        ReadModelFreshness,
        LedgerMetrics,
        VerificationOutcomes,
        ShutdownState,
        { provide: OPERATIONS_SETTINGS, useValue: operations ?? DEFAULT_OPERATIONS },
        { provide: AppendObservations, useValue: runtime.appends },
        { provide: ProjectionRunner, useValue: runtime.runner },
        { provide: DURABLE_SUBSCRIPTION_STATES, useValue: runtime.subscriptions },
        { provide: TAMPER_EVIDENCE_SETTINGS, useValue: runtime.tamperEvidence },
        { provide: TransparencyLog, useValue: runtime.transparency.log },
        { provide: LEDGER_SIGNER, useValue: runtime.signing.signer },
        { provide: CHECKPOINT_SIGNING, useValue: runtime.signing },
        { provide: READ_MODEL_DATABASE, useValue: runtime.readModels },
        LedgerVerificationRuns,
        EvidenceExports,
        VerificationSchedule,
        { provide: ApiKeyRegistry, useValue: apiKeys },
        { provide: JWT_VERIFIER, useValue: jwt ?? null },
        // In this order: who is calling (401/403), then how often they may (429).
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: RATE_LIMIT, useValue: rateLimit ?? DEFAULT_RATE_LIMIT },
        { provide: APP_GUARD, useClass: IdentityRateLimitGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditReadLogInterceptor },
        { provide: APP_FILTER, useClass: LedgerExceptionFilter },
      ],
    };
  }
}
