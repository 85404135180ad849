import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import {
  ComponentAdmin,
  DURABLE_SUBSCRIPTION_STATES,
  EVENT_STORE,
  READ_MODEL_PROGRESS,
  TAMPER_EVIDENCE_SETTINGS,
  TransparencyLog,
  type DurableSubscriptionStates,
  type TamperEvidenceSettings,
} from '#application';
import type { EventStore } from '#event-store';
import { ProjectionRunner, type ReadModelProgress } from '#projections';
import { AppendObservations } from '#runtime';
import { VerificationOutcomes } from '../observability/verification-outcomes.js';
import { registerAppendMetrics } from './append-metrics.js';
import { registerCommandOutcomes } from './command-outcomes.js';
import { registerLagMetrics } from './lag-metrics.js';
import { registerVerificationMetrics } from './verification-metrics.js';

/**
 * What a Prometheus server scrapes from the ledger: each part that follows the log up or
 * not and how often it restarted after a failure, and how far the read models are behind
 * the log (lag-metrics.ts). Read from the parts at each scrape, so the numbers are never older than it.
 * A registry of its own: nothing else a process loads adds to it.
 */
@Injectable()
export class LedgerMetrics implements OnModuleDestroy {
  readonly registry = new Registry();
  /** Express middleware counting command outcomes (command-outcomes.ts); `createHttpApp` mounts it. */
  readonly commandOutcomes: ReturnType<typeof registerCommandOutcomes>;
  private readonly stopObservingAppends: () => void;

  constructor(
    @Inject(ComponentAdmin) components: ComponentAdmin,
    @Inject(READ_MODEL_PROGRESS) readModels: ReadModelProgress,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(AppendObservations) appends: AppendObservations,
    @Inject(ProjectionRunner) projections: ProjectionRunner,
    @Inject(DURABLE_SUBSCRIPTION_STATES) subscriptions: DurableSubscriptionStates,
    @Inject(TransparencyLog) log: TransparencyLog,
    @Inject(VerificationOutcomes) verifications: VerificationOutcomes,
    @Inject(TAMPER_EVIDENCE_SETTINGS) tamperEvidence: TamperEvidenceSettings,
  ) {
    const registers = [this.registry];
    this.stopObservingAppends = registerAppendMetrics(this.registry, appends);
    this.commandOutcomes = registerCommandOutcomes(this.registry);
    registerLagMetrics(this.registry, { store, densePositions: tamperEvidence.densePositions ?? false, readModels, projections, subscriptions });
    registerVerificationMetrics(this.registry, verifications, log, () => new Date());
    new Gauge({
      name: 'ledger_component_up',
      help: 'A part that follows the log (projections, log-tree, event-feed…): 1 running, 0 recovering, faulted or stopped',
      labelNames: ['component'],
      registers,
      collect() {
        this.reset();
        for (const { component, state } of components.health()) this.set({ component }, state === 'running' ? 1 : 0);
      },
    });
    new Counter({
      name: 'ledger_component_restarts_total',
      help: 'Times a part started again on its own after a failure, since the process started',
      labelNames: ['component'],
      registers,
      collect() {
        // The parts count their restarts; the counter shows their count as it is.
        this.reset();
        for (const { component, restarts } of components.health()) this.inc({ component }, restarts);
      },
    });
  }

  onModuleDestroy(): void {
    this.stopObservingAppends();
  }

  /** The Prometheus text exposition of every metric, and its content type. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
